using ParkingBot.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddParkingBot();

var app = builder.Build();
app.MapBotEndpoints();
app.MapHealthEndpoints();

app.Run();

public partial class Program;
