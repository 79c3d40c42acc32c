namespace ParkingBot.Language.Recognizers;

public enum EntityType
{
    Date,
    Time,
    DateTime,
    CarNumber,
    YesNo,
    Amount,
    Phone,
}

/// <summary>An entity found in an utterance: what it is, where (<see cref="Start"/> inclusive, <see cref="End"/> exclusive) and what it means.</summary>
public sealed record RecognizedEntity(EntityType Type, string Text, int Start, int End, EntityResolution Resolution)
{
    public int Length => End - Start;
}

public abstract record EntityResolution;

public sealed record DateResolution(DateOnly Date) : EntityResolution;

/// <summary>A time of day; more than one candidate when 오전/오후 was not said (세 시 → 03:00 or 15:00).</summary>
public sealed record TimeResolution(IReadOnlyList<TimeOnly> Candidates, bool Approximate) : EntityResolution
{
    public bool IsAmbiguous => Candidates.Count > 1;
}

public sealed record DateTimeResolution(IReadOnlyList<DateTime> Candidates, bool Approximate) : EntityResolution
{
    public bool IsAmbiguous => Candidates.Count > 1;
}

public enum PlateUse
{
    Private,
    Commercial,
    Rental,
    Delivery,
}

public sealed record CarNumberResolution(string Plate, PlateUse Use) : EntityResolution;

public sealed record YesNoResolution(bool Yes) : EntityResolution;

public sealed record AmountResolution(long Won) : EntityResolution;

public sealed record PhoneResolution(string Number) : EntityResolution;
