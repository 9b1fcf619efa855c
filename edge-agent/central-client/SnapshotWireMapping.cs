namespace Uitpas.Edge.Central;

/// <summary>From the snapshot calls' wire shapes to the public records.</summary>
internal static class SnapshotWireMapping
{
    public static IReadOnlyList<SocialTariffCard> ToSocialTariffCards(List<SocialTariffCardWire> w) =>
        w.Select(c => new SocialTariffCard(
            c.UitpasNumber,
            c.CardType switch
            {
                "REGULAR" => SocialTariffCardType.Regular,
                "GROUP" => SocialTariffCardType.Group,
                _ => SocialTariffCardType.Unknown,
            },
            c.AvailableTickets)).ToArray();

    public static EventSettings ToEventSettings(EventSettingsWire w) =>
        new(w.Id, w.CheckinPoints, ToLimit(w.CheckinLimit), ToLimit(w.PassholderTicketLimit));

    public static TariffList ToTariffs(TariffsWire w)
    {
        var offers = new List<TariffOffer>();
        foreach (var t in w.Available ?? [])
        {
            if (t.Price is not { } price || price < 0)
            {
                throw new InvalidWireDataException($"tariff {t.Id} has no valid price");
            }
            var kind = t.Type switch
            {
                "SOCIALTARIFF" => TariffKind.SocialTariff,
                "COUPON" => TariffKind.Coupon,
                _ => TariffKind.Unknown,
            };
            offers.Add(new TariffOffer(t.Id, t.Name, price, kind, t.Remaining ?? 0));
        }
        return new TariffList(offers, w.EndUserMessage?.Nl);
    }

    private static PeriodLimit? ToLimit(PeriodLimitWire? w) => w is null ? null : new PeriodLimit(
        w.Volume,
        w.PeriodType switch
        {
            "ABSOLUTE" => LimitPeriodType.Absolute,
            "DAY" => LimitPeriodType.Day,
            "WEEK" => LimitPeriodType.Week,
            "MONTH" => LimitPeriodType.Month,
            "QUARTER" => LimitPeriodType.Quarter,
            "YEAR" => LimitPeriodType.Year,
            _ => LimitPeriodType.Unknown,
        },
        w.PeriodType);
}
