namespace ParkingBot.Language.Text;

/// <summary>
/// Korean particles that depend on the sound before them: 은/는, 이/가, 을/를, 과/와, 으로/로, 이에요/예요, 이나/나,
/// 이랑/랑, 아/야. A value ending in a consonant takes the first form (차량은), a vowel the second (차는); 으로/로 also takes
/// 로 after ㄹ (서울로). Digits and Latin letters are read as Koreans read them (3456 ends in 육, so 3456은).
/// </summary>
public static class KoreanParticles
{
    private static readonly (string AfterConsonant, string AfterVowel)[] Pairs =
    [
        ("은", "는"), ("이", "가"), ("을", "를"), ("과", "와"), ("으로", "로"), ("이에요", "예요"), ("이나", "나"), ("이랑", "랑"), ("아", "야"),
    ];

    // The final consonant (jongseong index; 0 = none) of the Korean reading of 0–9: 영 일 이 삼 사 오 육 칠 팔 구.
    private static readonly int[] DigitFinal = [21, 8, 0, 16, 0, 0, 1, 8, 8, 0];

    private const int Rieul = 8;

    /// <summary>Every particle a response script may ask for, in either of its forms.</summary>
    public static IEnumerable<string> Known => Pairs.SelectMany(p => new[] { p.AfterConsonant, p.AfterVowel });

    public static bool IsKnown(string particle) => Pairs.Any(p => p.AfterConsonant == particle || p.AfterVowel == particle);

    /// <summary><paramref name="value"/> followed by the right form of <paramref name="particle"/> (either form may be given).</summary>
    public static string Attach(string value, string particle)
    {
        var pair = Pairs.FirstOrDefault(p => p.AfterConsonant == particle || p.AfterVowel == particle);
        if (pair == default)
        {
            throw new ArgumentException($"'{particle}' is not a particle this knows ({string.Join(", ", Known)}).", nameof(particle));
        }
        var final = FinalConsonant(value);
        var consonant = pair.AfterConsonant == "으로" ? final is { } f && f != Rieul : final is not null;
        return value + (consonant ? pair.AfterConsonant : pair.AfterVowel);
    }

    /// <summary>The final consonant of the last sounded character, or null when it ends in a vowel.</summary>
    private static int? FinalConsonant(string value)
    {
        for (var i = value.Length - 1; i >= 0; i--)
        {
            var c = value[i];
            if (c is >= '가' and <= '힣')
            {
                var index = (c - '가') % 28;
                return index == 0 ? null : index;
            }
            if (char.IsAsciiDigit(c))
            {
                var index = DigitFinal[c - '0'];
                return index == 0 ? null : index;
            }
            if (char.IsAsciiLetter(c))
            {
                // English letters as read in Korean: L (엘) ends in ㄹ, M N R (엠 엔 알) in a consonant, the rest in a vowel.
                return char.ToUpperInvariant(c) switch
                {
                    'L' or 'R' => Rieul,
                    'M' or 'N' => 16,
                    _ => null,
                };
            }
        }
        return null;
    }
}
