namespace ParkingBot.Parking.Seed;

/// <summary>The seed file is malformed or inconsistent; the message names the file and the field.</summary>
public sealed class SeedException(string file, string field, string problem)
    : Exception($"Seed file '{file}': {field}: {problem}")
{
    public string File { get; } = file;
    public string Field { get; } = field;
}
