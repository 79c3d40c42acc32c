using System.Text.Json.Nodes;

namespace ParkingBot.Framework.Kakao;

/// <summary>What Kakao i Open Builder POSTs to a skill (the fields the bot reads; others are ignored).</summary>
public sealed record SkillPayload(SkillUserRequest? UserRequest, SkillBot? Bot, SkillAction? Action);

public sealed record SkillUserRequest(string? Timezone, string? Utterance, string? Lang, SkillUser? User, string? CallbackUrl, JsonObject? Params);

/// <summary>type is "botUserKey": <see cref="Id"/> identifies the customer to this bot.</summary>
public sealed record SkillUser(string? Id, string? Type, JsonObject? Properties);

public sealed record SkillBot(string? Id, string? Name);

/// <summary><see cref="ClientExtra"/> is the extra of the button or quick reply the customer tapped.</summary>
public sealed record SkillAction(string? Id, string? Name, JsonObject? Params, JsonObject? DetailParams, JsonObject? ClientExtra);
