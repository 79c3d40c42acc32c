using ParkingBot.Agents;
using ParkingBot.Commands;
using ParkingBot.Hosting;

if (CommandLine.IsCommand(args))
{
    return await CommandLine.RunAsync(args, Console.In, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddParkingBot();

var app = builder.Build();
app.UseSecurityHeaders();
app.MapBotEndpoints();
app.MapHealthEndpoints();
app.MapMetrics();
app.MapAgentConsole();
app.MapKakaoSimulator();
app.LogStartupBanner();

app.Run();
return 0;

public partial class Program;
