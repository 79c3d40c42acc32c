namespace ParkingBot.Dialogs.Understanding;

/// <summary>The slot values one message carries, read against the question it answers (a time at "출차 예정시간" is the exit).</summary>
public sealed record MessageSlots
{
    public DateOnly? UsageDate { get; init; }
    public string? CarNumber { get; init; }
    public LotMention? Lot { get; init; }
    public DateTime? EntryTime { get; init; }
    public DateTime? PlannedExit { get; init; }
    public bool? LeavingNow { get; init; }

    /// <summary>An amount the customer mentions ("7천원 결제됐는데"): it picks the usage of that amount.</summary>
    public long? Amount { get; init; }

    /// <summary>Whether the usage's car is the customer's own ("제 차 맞고…" yes; "팔았어요" no), said unasked.</summary>
    public bool? OwnCar { get; init; }

    /// <summary>The car has already left the lot ("이미 빠져나왔어요"): no exit is planned any more.</summary>
    public bool AlreadyLeft { get; init; }

    /// <summary>The customer asks for their money back ("환불해 주세요"): whatever case the inquiry opens carries Refund.</summary>
    public bool AsksRefund { get; init; }

    /// <summary>Yes/no questions this message answered before they were asked, by question name.</summary>
    public IReadOnlyDictionary<string, bool> Facts { get; init; } = new Dictionary<string, bool>();

    /// <summary>The statuses the customer describes the usage by ("이용 중으로 나오는 거"): they pick among several.</summary>
    public IReadOnlyList<Parking.Model.UsageStatus> Statuses { get; init; } = [];

    public static readonly MessageSlots None = new();

    /// <summary>
    /// The day, car and lot of this message that the inquiry does not already hold: "코엑스 발레 그거예요" about the
    /// usage found at 코엑스 says nothing new.
    /// </summary>
    public MessageSlots Beyond(FlowSlots known) => this with
    {
        UsageDate = UsageDate == known.UsageDate ? null : UsageDate,
        CarNumber = CarNumber is { } car && SlotMemory.SameCar(car, known.CarNumber ?? "") ? null : CarNumber,
        Lot = Lot is { IsKnown: true } lot && lot.LotIds.Intersect(known.LotIds).Any() ? null : Lot,
    };

    /// <summary>Whether the message gives a day, car, lot or time.</summary>
    public bool CarriesAny => UsageDate is not null || CarNumber is not null || Lot is not null || EntryTime is not null || PlannedExit is not null;
}

/// <summary>Which remembered slots a message replaced with another value (a correction: "아니 그제요").</summary>
public sealed record SlotChanges(bool UsageDate, bool CarNumber, bool Lot)
{
    public bool ChangesTheUsage => UsageDate || CarNumber || Lot;
}
