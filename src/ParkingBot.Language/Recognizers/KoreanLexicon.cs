using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ParkingBot.Language.Recognizers;

/// <summary>The word lists of Data/korean-lexicon.yaml.</summary>
public sealed class KoreanLexicon
{
    public Dictionary<string, int> RelativeDays { get; set; } = [];
    public Dictionary<string, int> DayCounts { get; set; } = [];
    public List<string> Weekdays { get; set; } = [];
    public Dictionary<string, int> Weeks { get; set; } = [];
    public Dictionary<string, int> Months { get; set; } = [];
    public Dictionary<string, int> Years { get; set; } = [];
    public Dictionary<string, int> SinoDigits { get; set; } = [];
    public Dictionary<string, int> SinoUnits { get; set; } = [];
    public Dictionary<string, int> NativeNumbers { get; set; } = [];
    public Dictionary<string, PartOfDay> PartsOfDay { get; set; } = [];
    public Dictionary<string, DayWithPartOfDay> DaysWithPartOfDay { get; set; } = [];
    public Dictionary<string, string> NamedTimes { get; set; } = [];
    public List<string> ApproximateMarkers { get; set; } = [];
    public Dictionary<string, List<string>> PlateLetters { get; set; } = [];
    public List<string> PlateRegions { get; set; } = [];
    public List<string> Yes { get; set; } = [];
    public List<string> No { get; set; } = [];

    public static KoreanLexicon Default { get; } = LoadEmbedded();

    private static KoreanLexicon LoadEmbedded()
    {
        using var stream = typeof(KoreanLexicon).Assembly.GetManifestResourceStream("korean-lexicon.yaml")
            ?? throw new InvalidOperationException("korean-lexicon.yaml is not embedded.");
        using var reader = new StreamReader(stream);
        return new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build().Deserialize<KoreanLexicon>(reader);
    }
}

public sealed class DayWithPartOfDay
{
    public int Days { get; set; }
    public string PartOfDay { get; set; } = "";
}

public sealed class PartOfDay
{
    public int PmFrom { get; set; }
    public int PmTo { get; set; }
    public int Twelve { get; set; }

    /// <summary>The 24-hour hour of <paramref name="hour"/> (1–12) said with this part of the day.</summary>
    public int To24Hour(int hour) => hour == 12 ? Twelve : hour >= PmFrom && hour <= PmTo && PmTo > 0 ? hour + 12 : hour;
}
