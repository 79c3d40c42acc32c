namespace ParkingBot.Parking.Policies;

/// <summary>
/// The numbers, terms and links of the playbooks' policies that change over time. Bound from the
/// configuration section Parking:Policies and checked at start-up by <see cref="Validate"/>.
/// </summary>
public sealed class ParkingPolicySettings
{
    /// <summary>Playbook 001: the Parking CS coupon for a season pass the operator forgot to register.</summary>
    public long SeasonPassCouponWon { get; set; } = 3000;

    /// <summary>The coupon is offered from this many misrecognitions in one calendar month…</summary>
    public int CouponFromOccurrencesInMonth { get; set; } = 2;

    /// <summary>…at most this many times a month.</summary>
    public int CouponsPerMonth { get; set; } = 1;

    /// <summary>Playbook 002/003: card refunds take this many business days.</summary>
    public int CardRefundMinBusinessDays { get; set; } = 3;
    public int CardRefundMaxBusinessDays { get; set; } = 5;

    public string SelfCancelLink { get; set; } = "https://t.kakao.com/launch?page=order";
    public string ParkingPassSettingsLink { get; set; } = "https://t.kakao.com/launch?scheme=kakaot&type=parking&action=&data=%7B%22page%22%3A%22register%22%2C%22ref%22%3A%22navi%22%7D";
    public string VehicleManagementLink { get; set; } = "https://t.kakao.com/launch?page=vehicle";
    public string CouponBoxLink { get; set; } = "https://t.kakao.com/launch?page=coupon";

    /// <summary>Playbook 003: the Kakao T parking-ticket coupon offered after a double payment is cancelled.</summary>
    public TicketCouponTerms TicketCoupon { get; set; } = new();

    /// <summary>Ticket sellers whose own policy refuses tickets bought after entry (playbook 003: 모두의주차장).</summary>
    public List<string> ProvidersRefusingPostEntryTickets { get; set; } = ["모두의주차장"];

    /// <summary>Every problem with the values, empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (SeasonPassCouponWon <= 0)
        {
            problems.Add("Parking:Policies:SeasonPassCouponWon must be positive.");
        }
        if (CouponFromOccurrencesInMonth < 1 || CouponsPerMonth < 0)
        {
            problems.Add("Parking:Policies:CouponFromOccurrencesInMonth must be at least 1 and CouponsPerMonth not negative.");
        }
        if (CardRefundMinBusinessDays < 1 || CardRefundMaxBusinessDays < CardRefundMinBusinessDays)
        {
            problems.Add("Parking:Policies:CardRefundMinBusinessDays must be at least 1 and not above CardRefundMaxBusinessDays.");
        }
        foreach (var (name, link) in new[] { (nameof(SelfCancelLink), SelfCancelLink), (nameof(ParkingPassSettingsLink), ParkingPassSettingsLink), (nameof(VehicleManagementLink), VehicleManagementLink), (nameof(CouponBoxLink), CouponBoxLink) })
        {
            if (!Uri.TryCreate(link, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
            {
                problems.Add($"Parking:Policies:{name} must be an https link.");
            }
        }
        if (string.IsNullOrWhiteSpace(TicketCoupon.Scope) || string.IsNullOrWhiteSpace(TicketCoupon.HowToApply))
        {
            problems.Add("Parking:Policies:TicketCoupon needs Scope and HowToApply.");
        }
        return problems;
    }
}

public sealed class TicketCouponTerms
{
    public string Scope { get; set; } = "카카오 T 또는 카카오내비 앱을 통한 주차권 구매 전용";
    public string HowToApply { get; set; } = "주차권 결제단계에서 '쿠폰적용' 선택";

    /// <summary>Last day the coupon can be used; no coupon is offered after it (null: not offered at all).</summary>
    public DateOnly? ValidUntil { get; set; }
}
