using ParkingBot.Benchmarks;

return args switch
{
    ["recognizers", ..] => RecognizerBenchmark.Run(args[1..]),
    ["directline", ..] => await DirectLineBenchmark.RunAsync(args[1..]),
    ["soak", ..] => await SoakBenchmark.RunAsync(args[1..]),
    ["memory", ..] => await MemoryBenchmark.RunAsync(args[1..]),
    ["scaleout", ..] => await ScaleOutBenchmark.RunAsync(args[1..]),
    _ => await TurnBenchmark.RunAsync(args),
};
