using System.Diagnostics;
using ParkingBot.Language.Recognizers;

namespace ParkingBot.Benchmarks;

/// <summary>Recognitions per second on one thread: every recognizer over typical 20–40 character utterances.</summary>
internal static class RecognizerBenchmark
{
    private static readonly string[] Utterances =
    [
        "어제 오후 3시쯤 12가3456으로 들어갔는데 출차가 안 돼요",
        "주차권 결제했는데 계속 예약완료 상태로 나와요",
        "지난주 금요일에 이용 안 했는데 3,000원 결제됐어요",
        "정기권 등록했는데 일반차량으로 인식돼서 차단기가 안 열려요",
        "네 제가 가입자 본인 맞아요",
        "발레 출차처리가 안 돼서 아직 이용중으로 나와요 010-1234-5678",
        "11월 3일 서울 12 가 3456 차량 입차 시간은 14:30 정도",
        "모두의주차장 주차권 썼는데 1만 2천원이 또 빠져나갔어요",
    ];

    public static int Run(string[] args)
    {
        var seconds = args.Length > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 5;
        var recognizer = new KoreanEntityRecognizer();
        var now = new DateTimeOffset(2026, 11, 20, 15, 0, 0, TimeSpan.FromHours(9));
        var entities = 0;
        for (var i = 0; i < 20_000; i++)
        {
            entities += recognizer.Recognize(Utterances[i % Utterances.Length], now).Count;
        }

        var clock = Stopwatch.StartNew();
        var recognitions = 0L;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            for (var i = 0; i < 1_000; i++, recognitions++)
            {
                entities += recognizer.Recognize(Utterances[recognitions % Utterances.Length], now).Count;
            }
        }
        var elapsed = clock.Elapsed.TotalSeconds;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var averageLength = Utterances.Average(u => u.Length);
        Console.WriteLine($"Korean recognizers — one thread, {seconds:0}s, {Utterances.Length} utterances of {averageLength:0} characters on average");
        Console.WriteLine($"{recognitions / elapsed:0} recognitions/s, {elapsed / recognitions * 1e6:0.0} µs each, {allocated / (double)recognitions:0} bytes allocated each ({entities} entities found)");
        return 0;
    }
}
