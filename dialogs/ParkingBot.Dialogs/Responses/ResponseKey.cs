namespace ParkingBot.Dialogs.Responses;

/// <summary>A key of the response scripts and the placeholders its texts use.</summary>
public sealed class ResponseKey(string name, params string[] placeholders)
{
    public string Name { get; } = name;

    public IReadOnlyList<string> Placeholders { get; } = placeholders;

    public override string ToString() => Name;
}
