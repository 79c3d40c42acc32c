namespace ParkingBot.Data;

/// <summary>A statement with its positional parameters ($1, $2, …), staged to run later in someone else's transaction.</summary>
public sealed record SqlStatement(string Sql, object?[] Values);
