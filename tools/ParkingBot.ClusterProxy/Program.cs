using ParkingBot.ClusterProxy;

// dotnet run --project tools/ParkingBot.ClusterProxy -- --urls http://127.0.0.1:8080 --backend http://127.0.0.1:5001 --backend http://127.0.0.1:5002
var backends = ClusterRoutes.Backends(args);
if (backends.Count == 0)
{
    Console.Error.WriteLine("Give at least one --backend URL.");
    return 2;
}
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddClusterProxy(backends);
var app = builder.Build();
app.UseWebSockets();
app.MapReverseProxy();
app.Run();
return 0;
