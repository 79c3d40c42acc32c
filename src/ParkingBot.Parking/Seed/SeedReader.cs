using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using ParkingBot.Parking.Model;

namespace ParkingBot.Parking.Seed;

/// <summary>The domain's records from a seed file, with dates like "today-1 14:30" resolved against the seeding day (Korea time).</summary>
public sealed record SeedData(
    IReadOnlyList<ParkingLot> Lots,
    IReadOnlyList<CustomerAccount> Customers,
    IReadOnlyList<Usage> Usages,
    IReadOnlyList<SeasonPass> SeasonPasses);

/// <summary>Reads and checks a seed file: every field well-formed, every reference pointing at something that exists.</summary>
public static partial class SeedReader
{
    public static readonly TimeSpan KoreaOffset = TimeSpan.FromHours(9);

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static SeedData Read(string path, DateTimeOffset now)
    {
        SeedFile file;
        try
        {
            file = JsonSerializer.Deserialize<SeedFile>(File.ReadAllText(path), Options)
                ?? throw new SeedException(path, "$", "the file is empty");
        }
        catch (JsonException exception)
        {
            throw new SeedException(path, exception.Path ?? "$", exception.Message);
        }
        catch (IOException exception)
        {
            throw new SeedException(path, "$", exception.Message);
        }
        return new Checker(path, DateOnly.FromDateTime(now.ToOffset(KoreaOffset).DateTime)).Check(file);
    }

    private sealed class Checker(string path, DateOnly today)
    {
        public SeedData Check(SeedFile file)
        {
            var lots = file.Lots.Select((lot, i) => Lot(lot, $"lots[{i}]")).ToList();
            Unique(lots.Select(l => l.Id), "lots");
            var customers = file.Customers.Select((customer, i) => Customer(customer, $"customers[{i}]")).ToList();
            Unique(customers.Select(c => c.Id), "customers");
            Unique(customers.SelectMany(c => c.ChannelUsers).Select(u => $"{u.ChannelId}/{u.UserId}"), "customers[].channelUsers");
            var lotIds = lots.Select(l => l.Id).ToHashSet();
            var byId = customers.ToDictionary(c => c.Id);
            var usages = file.Usages.Select((usage, i) => Usage(usage, $"usages[{i}]", lotIds, byId)).ToList();
            Unique(usages.Select(u => u.Id), "usages");
            var passes = file.SeasonPasses.Select((pass, i) => SeasonPass(pass, $"seasonPasses[{i}]", lotIds, byId)).ToList();
            Unique(passes.Select(p => p.Id), "seasonPasses");
            return new SeedData(lots, customers, usages, passes);
        }

        private ParkingLot Lot(SeedLot lot, string at) => new()
        {
            Id = Required(lot.Id, $"{at}.id"),
            Name = Required(lot.Name, $"{at}.name"),
            AdministrativeArea = Required(lot.Area, $"{at}.area"),
            Aliases = lot.Aliases.Select((alias, i) => alias.Trim().Length >= 2 ? alias.Trim() : Fail<string>($"{at}.aliases[{i}]", $"'{alias}' is too short to tell lots apart")).ToList(),
            Integration = Enum<Integration>(lot.Integration, $"{at}.integration"),
            WebDiscount = lot.WebDiscount,
            NeedsOutboundCall = lot.NeedsOutboundCall,
            DirectlyOperated = lot.DirectlyOperated,
            Closed = lot.Closed,
            PostEntryPurchase = lot.PostEntryPurchase,
            SelfCancelLinkExcluded = lot.SelfCancelLinkExcluded,
            PaymentTiming = Enum<PaymentTiming>(lot.PaymentTiming, $"{at}.paymentTiming"),
            SpecialHandling = Enum<SpecialHandling>(lot.Special, $"{at}.special"),
            Phones = lot.Phones.Select((phone, i) => PhonePattern().IsMatch(phone) ? phone : Fail<string>($"{at}.phones[{i}]", $"'{phone}' is not a phone number like 02-6925-0023")).ToList(),
        };

        private CustomerAccount Customer(SeedCustomer customer, string at)
        {
            var phone = Required(customer.Phone, $"{at}.phone");
            var digits = string.Concat(phone.Where(char.IsAsciiDigit));
            if (!PhonePattern().IsMatch(phone) || digits.Length < 9)
            {
                Fail<string>($"{at}.phone", $"'{phone}' is not a phone number like 010-1234-5678");
            }
            var vehicles = customer.Vehicles.Select((v, i) => new Vehicle
            {
                CarNumber = CarNumber(v.CarNumber, $"{at}.vehicles[{i}].carNumber"),
                OwnershipVerified = v.OwnershipVerified,
                ParkingPassRegistered = v.ParkingPass,
                ValetPassRegistered = v.ValetPass,
                NoLongerOwned = v.NoLongerOwned,
            }).ToList();
            return new CustomerAccount
            {
                Id = Required(customer.Id, $"{at}.id"),
                MaskedPhone = $"{phone[..phone.IndexOf('-')]}-****-{digits[^4..]}",
                ChannelUsers = customer.ChannelUsers.Select((u, i) => new ChannelUser(
                    Required(u.ChannelId, $"{at}.channelUsers[{i}].channelId"), Required(u.UserId, $"{at}.channelUsers[{i}].userId"))).ToList(),
                Vehicles = vehicles,
            };
        }

        private Usage Usage(SeedUsage usage, string at, HashSet<string> lotIds, Dictionary<string, CustomerAccount> customers)
        {
            var customer = Reference(usage.CustomerId, $"{at}.customerId", customers);
            var carNumber = CarNumber(usage.CarNumber, $"{at}.carNumber");
            if (customer.FindVehicle(carNumber) is null)
            {
                Fail<string>($"{at}.carNumber", $"{carNumber} is not a vehicle of customer {customer.Id}");
            }
            var kind = Enum<UsageKind>(usage.Kind, $"{at}.kind");
            var windowStart = Moment(usage.WindowStart, $"{at}.windowStart");
            var windowEnd = Moment(usage.WindowEnd, $"{at}.windowEnd");
            if (kind == UsageKind.Ticket && (windowStart is null || windowEnd is null))
            {
                Fail<string>($"{at}.windowStart", "a ticket needs windowStart and windowEnd");
            }
            if (windowStart > windowEnd)
            {
                Fail<string>($"{at}.windowEnd", "the window ends before it starts");
            }
            var entry = Moment(usage.EntryAt, $"{at}.entryAt");
            var exit = Moment(usage.ExitAt, $"{at}.exitAt");
            if (entry is not null && exit < entry)
            {
                Fail<string>($"{at}.exitAt", "exit is before entry");
            }
            if (usage.Amount < 0)
            {
                Fail<string>($"{at}.amount", "an amount cannot be negative");
            }
            return new Usage
            {
                Id = Required(usage.Id, $"{at}.id"),
                CustomerId = customer.Id,
                LotId = LotReference(usage.LotId, $"{at}.lotId", lotIds),
                Kind = kind,
                CarNumber = carNumber,
                Date = Day(usage.Date, $"{at}.date") ?? Fail<DateOnly>($"{at}.date", "is required"),
                WindowStart = windowStart,
                WindowEnd = windowEnd,
                ReservedAt = Moment(usage.ReservedAt, $"{at}.reservedAt"),
                EntryAt = entry,
                ExitAt = exit,
                Status = Enum<UsageStatus>(usage.Status, $"{at}.status"),
                Amount = usage.Amount,
                CancellationReason = usage.CancellationReason is null ? null : Enum<TicketCancellationReason>(usage.CancellationReason, $"{at}.cancellationReason"),
                ThirdPartyTicket = usage.ThirdPartyTicket is { } ticket
                    ? new ThirdPartyTicket(Required(ticket.Provider, $"{at}.thirdPartyTicket.provider"),
                        Moment(ticket.PurchasedAt, $"{at}.thirdPartyTicket.purchasedAt") ?? Fail<DateTimeOffset>($"{at}.thirdPartyTicket.purchasedAt", "is required"))
                    : null,
            };
        }

        private SeasonPass SeasonPass(SeedSeasonPass pass, string at, HashSet<string> lotIds, Dictionary<string, CustomerAccount> customers)
        {
            var from = Day(pass.From, $"{at}.from") ?? Fail<DateOnly>($"{at}.from", "is required");
            var to = Day(pass.To, $"{at}.to") ?? Fail<DateOnly>($"{at}.to", "is required");
            if (to < from)
            {
                Fail<string>($"{at}.to", "the period ends before it starts");
            }
            return new SeasonPass
            {
                Id = Required(pass.Id, $"{at}.id"),
                CustomerId = Reference(pass.CustomerId, $"{at}.customerId", customers).Id,
                LotId = LotReference(pass.LotId, $"{at}.lotId", lotIds),
                CarNumber = CarNumber(pass.CarNumber, $"{at}.carNumber"),
                From = from,
                To = to,
                Registered = pass.Registered,
                PricePaid = pass.PricePaid >= 0 ? pass.PricePaid : Fail<long>($"{at}.pricePaid", "cannot be negative"),
                MissedRecognitions = pass.MissedRecognitions.Select((d, i) => Day(d, $"{at}.missedRecognitions[{i}]")!.Value).ToList(),
                CouponsIssued = pass.CouponsIssued.Select((d, i) => Day(d, $"{at}.couponsIssued[{i}]")!.Value).ToList(),
            };
        }

        private string Required(string? value, string field) => string.IsNullOrWhiteSpace(value) ? Fail<string>(field, "is required") : value;

        private T Enum<T>(string? value, string field) where T : struct, System.Enum =>
            System.Enum.TryParse<T>(Required(value, field), ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed)
                ? parsed
                : Fail<T>(field, $"'{value}' is not one of {string.Join(", ", System.Enum.GetNames<T>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]))}");

        private string CarNumber(string? value, string field) =>
            CarNumberPattern().IsMatch(Required(value, field)) ? value! : Fail<string>(field, $"'{value}' is not a car number like 12가3456");

        private CustomerAccount Reference(string? id, string field, Dictionary<string, CustomerAccount> customers) =>
            customers.TryGetValue(Required(id, field), out var customer) ? customer : Fail<CustomerAccount>(field, $"no customer '{id}'");

        private string LotReference(string? id, string field, HashSet<string> lotIds) =>
            lotIds.Contains(Required(id, field)) ? id! : Fail<string>(field, $"no lot '{id}'");

        /// <summary>"2026-11-20", "today" or "today-3" / "today+2".</summary>
        private DateOnly? Day(string? value, string field)
        {
            if (value is null)
            {
                return null;
            }
            var match = DayPattern().Match(value.Trim());
            if (!match.Success)
            {
                return Fail<DateOnly>(field, $"'{value}' is not a day like 2026-11-20 or today-1");
            }
            if (match.Groups["iso"].Success)
            {
                return DateOnly.TryParseExact(match.Groups["iso"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                    ? day
                    : Fail<DateOnly>(field, $"'{value}' is not a calendar day");
            }
            return today.AddDays(match.Groups["offset"].Success ? int.Parse(match.Groups["offset"].Value, CultureInfo.InvariantCulture) : 0);
        }

        /// <summary>"today-1 14:30" or "2026-11-20 14:30", Korea time.</summary>
        private DateTimeOffset? Moment(string? value, string field)
        {
            if (value is null)
            {
                return null;
            }
            var parts = value.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2 || !TimeOnly.TryParseExact(parts[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            {
                return Fail<DateTimeOffset>(field, $"'{value}' is not a moment like 'today-1 14:30' or '2026-11-20 14:30'");
            }
            var day = Day(parts[0], field)!.Value;
            return new DateTimeOffset(day.ToDateTime(time), KoreaOffset);
        }

        private void Unique(IEnumerable<string> ids, string field)
        {
            var duplicate = ids.GroupBy(id => id).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                Fail<string>(field, $"'{duplicate.Key}' appears more than once");
            }
        }

        private T Fail<T>(string field, string problem) => throw new SeedException(path, field, problem);
    }

    [GeneratedRegex(@"^(?:(?<iso>\d{4}-\d{2}-\d{2})|today(?<offset>[+-]\d{1,4})?)$")]
    private static partial Regex DayPattern();

    [GeneratedRegex(@"^(?:[가-힣]{2})?\d{2,3}[가-힣]\d{4}$")]
    private static partial Regex CarNumberPattern();

    [GeneratedRegex(@"^0\d{1,2}-\d{3,4}-\d{4}$")]
    private static partial Regex PhonePattern();
}
