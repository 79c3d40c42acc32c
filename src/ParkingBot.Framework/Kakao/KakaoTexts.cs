namespace ParkingBot.Framework.Kakao;

/// <summary>
/// What the KakaoTalk channel itself says (not a flow): the host fills it from the response scripts (kakao.*), so that a
/// designer edits it with everything else the bot says.
/// </summary>
/// <param name="Waiting">The answer while a slow turn goes on and its result will follow by callback.</param>
/// <param name="StillWorking">The answer while a slow turn goes on and no callback is possible: the result is kept for the next message.</param>
/// <param name="More">The quick reply that shows what did not fit in three bubbles.</param>
/// <param name="NothingMore">The answer to 'more' when nothing is left to show.</param>
/// <param name="OpenLink">The label of a link button.</param>
/// <param name="Call">The label of a phone button.</param>
/// <param name="OperatorGuide">Shown with KakaoTalk's 상담직원 연결 button when a turn hands the conversation to an agent.</param>
/// <param name="Operator">The label of that button.</param>
public sealed record KakaoTexts(string Waiting, string StillWorking, string More, string NothingMore, string OpenLink, string Call,
    string OperatorGuide, string Operator);
