using ParkingBot.Logging;

namespace ParkingBot.Tests;

public class SensitiveDataMaskerTests
{
    [Theory]
    [InlineData("차량 12가3456 입니다", "차량 12가**** 입니다")]
    [InlineData("123가 3456", "123가 ****")]
    [InlineData("서울12가3456", "서울12가****")]
    [InlineData("12가-3456 출차", "12가-**** 출차")]
    [InlineData("연락처 010-1234-5678", "연락처 010-****-**78")]
    [InlineData("01012345678로 주세요", "010-****-**78로 주세요")]
    [InlineData("관제센터 02-6925-0023", "관제센터 02-****-**23")]
    public void Car_and_phone_numbers_are_masked(string text, string masked) =>
        Assert.Equal(masked, SensitiveDataMasker.Mask(text));

    [Theory]
    [InlineData("POST /api/kakao/skill/s3cret-Key_0123 failed", "POST /api/kakao/skill/*** failed")]
    [InlineData("{\"RequestPath\":\"/api/kakao/skill/s3cret\"}", "{\"RequestPath\":\"/api/kakao/skill/***\"}")]
    [InlineData("https://bot.example/api/kakao/skill/abc?x=1", "https://bot.example/api/kakao/skill/***?x=1")]
    public void The_KakaoTalk_skill_key_in_a_path_is_masked(string text, string masked) =>
        Assert.Equal(masked, SensitiveDataMasker.Mask(text));

    [Theory]
    [InlineData("/api/kakao/skill")]
    [InlineData("1234번 출구 앞")]
    [InlineData("conversation 8d1e2f30-aaaa-11ef|livechat turn 3")]
    [InlineData("금액 3,000원")]
    public void Other_text_is_left_alone(string text) =>
        Assert.Equal(text, SensitiveDataMasker.Mask(text));
}
