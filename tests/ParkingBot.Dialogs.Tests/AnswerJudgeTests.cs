using ParkingBot.Dialogs.Understanding;
using ParkingBot.Language.Recognizers;

namespace ParkingBot.Dialogs.Tests;

/// <summary>Yes and no judged against the question asked, with the phrases of Responses/phrases.ko.yaml.</summary>
public class AnswerJudgeTests
{
    private static readonly AnswerJudge Judge = new(
        CustomerPhrases.Load(Path.Combine(AppContext.BaseDirectory, CustomerPhrases.DefaultFileName)), new KoreanEntityRecognizer());

    [Theory]
    [InlineData("usageConfirm", "그렇죠", true)]
    [InlineData("usageConfirm", "맞죠", true)]
    [InlineData("usageConfirm", "넵넵", true)]
    [InlineData("usageConfirm", "ㅇㅋ", true)]
    [InlineData("usageConfirm", "그거 말고요", false)]
    [InlineData("callButton", "호출버튼이 없는데요?", false)]
    [InlineData("callButton", "네 없어요", false)]
    [InlineData("callButton", "있긴 한데 아무도 안 받아요", false)]
    [InlineData("callButton", "있어요", true)]
    [InlineData("callButton", "호출버튼 안 보이는데요;;", false)]
    [InlineData("immediateExit", "아뇨 오늘 저녁 6시쯤 나갈 거예요", false)]
    [InlineData("immediateExit", "지금 출구 앞이에요", true)]
    [InlineData("immediateExit", "지금은 아니고 이따가요", false)]
    [InlineData("immediateExit", "아뇨 지금 말고요", false)]
    [InlineData("identity", "네넹", true)]
    [InlineData("paidOnSite", "아니요 안 냈어요 그냥 열어주던데요", false)]
    [InlineData("paidOnSite", "네 카드로 결제했어요", true)]
    [InlineData("paidOnSite", "따로 안 했어요", false)]
    [InlineData("paidOnSite", "냈죠 현장에서", true)]
    [InlineData("paidOnSite", "아직 낸 건 없어요", false)]
    [InlineData("anythingElse", "ㄳ", false)]
    [InlineData("identity", "아니요 제 아내 계정이에요", false)]
    [InlineData("identity", "네 본인이에요", true)]
    [InlineData("identity", "본인", true)]
    [InlineData("identity", "본인인지는 왜 물어봐요? 급한데", null)]
    [InlineData("leavingNow", "아녀 오늘은 늦게까지 있어요", false)]
    [InlineData("paidOnSite", "했어요", true)]
    [InlineData("paidOnSite", "아까 이미 나왔어요 12,000원 내고요", true)]
    [InlineData("identity", "남편이 대신 물어보는 거예요", false)]
    [InlineData("carConfirm", "제 차 아닌데요", false)]
    [InlineData("carConfirm", "아니요 제 차 맞아요", true)]
    [InlineData("carConfirm", "그 차 팔았어요", false)]
    [InlineData("anythingElse", "없어요 감사합니다", false)]
    [InlineData("anythingElse", "됐어 안 할래", false)]
    [InlineData("anythingElse", "넵", true)]
    [InlineData("anythingElse", "ㅇㅋ 땡큐", false)]
    [InlineData("anythingElse", "아 알겠어요", false)]
    [InlineData("anythingElse", "그리고 그제 발레는 이용도 안 했는데 결제됐어요", null)]
    [InlineData("leavingNow", "아까 나왔죠", false)]
    [InlineData("carConfirm", "아 그건 예전에 팔았던 차네요", false)]
    [InlineData("callButton", "없는 것 같은데요", false)]
    [InlineData("usageConfirm", "ㅇㅇ맞음", true)]
    [InlineData("usageConfirm", "그쵸", true)]
    [InlineData("carConfirm", "넵 맞아요", true)]
    [InlineData("carConfirm", "ㄴㄴ", false)]
    [InlineData("usageConfirm", "예약했는데요", null)]
    [InlineData("entryTime", "네 시에 왔어요", null)]
    [InlineData("usageDate", "어제요", null)]
    [InlineData("callButton", "예약했어요", null)]
    public void An_answer_is_judged_against_the_question(string question, string said, bool? expected) =>
        Assert.Equal(expected, Judge.Judge(said, question));
}
