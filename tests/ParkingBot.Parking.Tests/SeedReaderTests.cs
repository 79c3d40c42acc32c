using ParkingBot.Parking.Seed;

namespace ParkingBot.Parking.Tests;

public sealed class SeedReaderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("parkingbot-seed-").FullName;

    private const string Valid = """
        {
          "lots": [ { "id": "lot-a", "name": "A 주차장", "area": "서울시 중구 명동" } ],
          "customers": [ { "id": "c1", "phone": "010-1111-2222", "vehicles": [ { "carNumber": "12가3456" } ] } ],
          "usages": [ { "id": "u1", "customerId": "c1", "lotId": "lot-a", "kind": "parkingPass", "carNumber": "12가3456", "date": "today", "status": "inUse" } ]
        }
        """;

    [Fact]
    public void The_demo_data_file_covers_every_special_lot_and_case()
    {
        var data = SeedReader.Read(Path.Combine(AppContext.BaseDirectory, "Seed", "demo-data.json"), Clock.Friday);

        Assert.Equal(Enum.GetValues<Model.SpecialHandling>().Order(), data.Lots.Select(l => l.SpecialHandling).Distinct().Order());
        Assert.Contains(data.Lots, l => l.WebDiscount);
        Assert.Contains(data.Lots, l => l.NeedsOutboundCall);
        Assert.Contains(data.Lots, l => l.DirectlyOperated);
        Assert.Contains(data.Lots, l => l.Closed);
        Assert.Contains(data.Customers.SelectMany(c => c.Vehicles), v => !v.OwnershipVerified);
        Assert.Contains(data.Customers.SelectMany(c => c.Vehicles), v => v is { NoLongerOwned: true, ValetPassRegistered: true });
        Assert.Contains(data.SeasonPasses, p => !p.Registered);
        Assert.Contains(data.Usages, u => u.Status == Model.UsageStatus.Outstanding);
        Assert.Contains(data.Usages, u => u.ThirdPartyTicket?.Provider == "모두의주차장");
    }

    [Fact]
    public void A_valid_file_reads() => Assert.Single(SeedReader.Read(Write(Valid), Clock.Friday).Usages);

    [Theory]
    [InlineData("\"status\": \"inUse\"", "\"status\": \"parked\"", "usages[0].status")]
    [InlineData("\"lotId\": \"lot-a\", \"kind\"", "\"lotId\": \"lot-b\", \"kind\"", "usages[0].lotId")]
    [InlineData("\"customerId\": \"c1\"", "\"customerId\": \"c9\"", "usages[0].customerId")]
    [InlineData("\"carNumber\": \"12가3456\", \"date\"", "\"carNumber\": \"99가9999\", \"date\"", "usages[0].carNumber")]
    [InlineData("\"date\": \"today\"", "\"date\": \"yesterday\"", "usages[0].date")]
    [InlineData("\"phone\": \"010-1111-2222\"", "\"phone\": \"call me\"", "customers[0].phone")]
    [InlineData("{ \"carNumber\": \"12가3456\" }", "{ \"carNumber\": \"12가34\" }", "customers[0].vehicles[0].carNumber")]
    [InlineData("\"area\": \"서울시 중구 명동\"", "\"area\": \"서울시 중구 명동\", \"colour\": \"red\"", "$.lots[0].colour")]
    [InlineData("\"area\": \"서울시 중구 명동\"", "\"area\": \"서울시 중구 명동\", \"aliases\": [\"명동\", \"명\"]", "lots[0].aliases[1]")]
    [InlineData("\"status\": \"inUse\" }", "\"status\": \"inUse\", \"entryAt\": \"today 10:00\", \"exitAt\": \"today 09:00\" }", "usages[0].exitAt")]
    [InlineData("\"kind\": \"parkingPass\"", "\"kind\": \"ticket\"", "usages[0].windowStart")]
    [InlineData("\"id\": \"c1\"", "\"id\": \"c1\" }, { \"id\": \"c1\", \"phone\": \"010-3333-4444\"", "customers")]
    [InlineData("\"lots\": [", "\"lots\": [ oops", "$.lots")]
    public void A_malformed_or_inconsistent_file_names_the_file_and_the_field(string find, string replace, string field)
    {
        var path = Write(Valid.Replace(find, replace));

        var problem = Assert.Throws<SeedException>(() => SeedReader.Read(path, Clock.Friday));

        Assert.Equal(path, problem.File);
        Assert.StartsWith(field, problem.Field);
        Assert.Contains(path, problem.Message);
    }

    [Fact]
    public void A_missing_file_is_named_too() =>
        Assert.Contains("nowhere.json", Assert.Throws<SeedException>(() => SeedReader.Read(Path.Combine(_directory, "nowhere.json"), Clock.Friday)).Message);

    private string Write(string json)
    {
        var path = Path.Combine(_directory, $"{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
