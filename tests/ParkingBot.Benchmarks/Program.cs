using ParkingBot.Benchmarks;

return args is ["recognizers", ..]
    ? RecognizerBenchmark.Run(args[1..])
    : await TurnBenchmark.RunAsync(args);
