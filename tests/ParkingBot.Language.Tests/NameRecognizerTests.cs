using ParkingBot.Language.Recognizers;

namespace ParkingBot.Language.Tests;

public class NameRecognizerTests
{
    private static readonly NameRecognizer Lots = new([
        new NamedEntry("lot-gangnam", ["강남역 공영주차장", "강남역"]),
        new NamedEntry("lot-yeouido", ["여의도 IFC 주차장", "IFC", "여의도"]),
        new NamedEntry("lot-icn", ["인천공항 제1여객터미널 주차장", "인천공항", "공항"]),
        new NamedEntry("lot-gimpo", ["김포공항 국내선 발레존", "김포공항", "공항"]),
        new NamedEntry("lot-coex", ["무역센터(코엑스) 주차장", "코엑스"]),
    ]);

    [Theory]
    [InlineData("여의도 IFC요", "lot-yeouido")]
    [InlineData("여의도ifc 주차장은 언제 결제돼요?", "lot-yeouido")]
    [InlineData("강남역공영주차장이요", "lot-gangnam")]
    [InlineData("강남역 공영주차잔이요", "lot-gangnam")]          // one typo in a long name
    [InlineData("코엑스 주차장이요", "lot-coex")]
    [InlineData("인천공항 주차장 이용했어요", "lot-icn")]          // 공항 inside 인천공항 is not read again
    [InlineData("공항 주차장이요", "lot-gimpo,lot-icn")]           // a shared short name returns every lot it may be
    [InlineData("잠실 롯데월드몰 주차장", "")]
    [InlineData("강남 쪽이요", "")]                               // too short to be fuzzy: 강남 is not 강남역
    public void Lots_are_found_as_customers_write_them(string text, string expected) =>
        Assert.Equal(expected, string.Join(",", Lots.Find(text).Select(m => m.Key).Order()));
}
