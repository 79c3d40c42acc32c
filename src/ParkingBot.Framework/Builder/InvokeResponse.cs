using System.Text.Json.Nodes;

namespace ParkingBot.Framework.Builder;

/// <summary>What a bot answers to an invoke activity; put it in TurnState under <see cref="TurnStateKey"/>.</summary>
public sealed record InvokeResponse(int Status, JsonNode? Body)
{
    public const string TurnStateKey = "InvokeResponse";
}
