using ParkingBot.Language.Text;

namespace ParkingBot.Language.Tests;

public class KoreanParticlesTests
{
    [Theory]
    [InlineData("12가 3456", "는", "12가 3456은")]     // 육: ends in ㄱ
    [InlineData("34나 5678", "는", "34나 5678은")]     // 팔: ends in ㄹ
    [InlineData("78버 1234", "는", "78버 1234는")]     // 사: vowel
    [InlineData("강남역 공영주차장", "이", "강남역 공영주차장이")]
    [InlineData("남이섬", "를", "남이섬을")]
    [InlineData("코엑스", "을", "코엑스를")]
    [InlineData("모두의주차장", "로", "모두의주차장으로")]
    [InlineData("서울", "으로", "서울로")]              // ㄹ takes 로
    [InlineData("3450", "으로", "3450으로")]            // 영: ends in ㅇ
    [InlineData("IFC", "는", "IFC는")]                  // 씨: vowel
    [InlineData("여의도 IFC 주차장", "와", "여의도 IFC 주차장과")]
    [InlineData("남이섬", "예요", "남이섬이에요")]
    public void The_particle_takes_the_form_that_fits_the_last_sound(string value, string particle, string expected) =>
        Assert.Equal(expected, KoreanParticles.Attach(value, particle));

    [Fact]
    public void An_unknown_particle_is_refused()
    {
        Assert.False(KoreanParticles.IsKnown("의"));
        Assert.Throws<ArgumentException>(() => KoreanParticles.Attach("차", "의"));
    }
}
