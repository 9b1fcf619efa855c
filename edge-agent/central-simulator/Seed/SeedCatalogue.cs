using Uitpas.Edge.Central;
namespace Uitpas.Edge.Simulator;

/// <summary>
/// The simulator's synthetic catalogue, the same for the same seed number: card systems,
/// organizers, events, passholders with one card each, kiosks; plus handy picks for tests
/// and the demo.
/// </summary>
public sealed class SeedCatalogue
{
    private readonly Dictionary<string, SeedCard> cardsByChip;
    private readonly Dictionary<string, SeedCard> cardsByUitpasNumber;
    private readonly Dictionary<string, SeedPassholder> passholders;
    private readonly Dictionary<string, SeedEvent> events;
    private readonly Dictionary<string, SeedKiosk> kiosks;

    internal SeedCatalogue(
        int seedNumber,
        IReadOnlyList<SeedCardSystem> cardSystems,
        IReadOnlyList<SeedOrganizer> organizers,
        IReadOnlyList<SeedEvent> eventList,
        IReadOnlyList<SeedPassholder> passholderList,
        IReadOnlyList<SeedCard> cards,
        IReadOnlyList<SeedKiosk> kioskList,
        (SeedKiosk Default, SeedKiosk ClosedEvent, SeedKiosk WithoutEvent) kioskPicks,
        IReadOnlyList<string> unknownChipNumbers,
        IReadOnlyList<string> unknownUitpasNumbers)
    {
        SeedNumber = seedNumber;
        CardSystems = cardSystems;
        Organizers = organizers;
        Events = eventList;
        Passholders = passholderList;
        Cards = cards;
        Kiosks = kioskList;
        (DefaultKiosk, KioskWithClosedEvent, KioskWithoutEvent) = kioskPicks;
        UnknownChipNumbers = unknownChipNumbers;
        UnknownUitpasNumbers = unknownUitpasNumbers;
        cardsByChip = cards.ToDictionary(c => c.ChipNumber, StringComparer.OrdinalIgnoreCase);
        cardsByUitpasNumber = cards.ToDictionary(c => c.UitpasNumber, StringComparer.Ordinal);
        passholders = passholderList.ToDictionary(p => p.Id, StringComparer.Ordinal);
        events = eventList.ToDictionary(e => e.Id, StringComparer.Ordinal);
        kiosks = kioskList.ToDictionary(k => k.Token, StringComparer.Ordinal);
    }

    /// <summary>The number this catalogue was generated from.</summary>
    public int SeedNumber { get; }

    /// <summary>Card systems; 1 is the one with social tariffs.</summary>
    public IReadOnlyList<SeedCardSystem> CardSystems { get; }

    /// <summary>Organizers (fictional venues).</summary>
    public IReadOnlyList<SeedOrganizer> Organizers { get; }

    /// <summary>Events with their check-in windows.</summary>
    public IReadOnlyList<SeedEvent> Events { get; }

    /// <summary>Passholders (synthetic).</summary>
    public IReadOnlyList<SeedPassholder> Passholders { get; }

    /// <summary>All cards, one per passholder.</summary>
    public IReadOnlyList<SeedCard> Cards { get; }

    /// <summary>Kiosks: <see cref="DefaultKiosk"/>, a second open kiosk, an evening-only one, <see cref="KioskWithClosedEvent"/>, <see cref="KioskWithoutEvent"/>.</summary>
    public IReadOnlyList<SeedKiosk> Kiosks { get; }

    /// <summary>Well-formed chip numbers (14 hex, starting 04) that belong to no card.</summary>
    public IReadOnlyList<string> UnknownChipNumbers { get; }

    /// <summary>13-digit Luhn-valid UiTPAS numbers that belong to no card.</summary>
    public IReadOnlyList<string> UnknownUitpasNumbers { get; }

    /// <summary>Active cards.</summary>
    public IReadOnlyList<SeedCard> GoodCards => Cards.Where(c => c.Status == CardStatus.Active).ToArray();

    /// <summary>Blocked cards.</summary>
    public IReadOnlyList<SeedCard> BlockedCards => Cards.Where(c => c.Status == CardStatus.Blocked).ToArray();

    /// <summary>Active cards whose passholder has an ACTIVE social tariff (card system 1).</summary>
    public IReadOnlyList<SeedCard> SocialTariffCards =>
        GoodCards.Where(c => passholders[c.PassholderId].SocialTariff == SocialTariffStatus.Active).ToArray();

    /// <summary>Active cards whose passholder's social tariff has EXPIRED.</summary>
    public IReadOnlyList<SeedCard> ExpiredSocialTariffCards =>
        GoodCards.Where(c => passholders[c.PassholderId].SocialTariff == SocialTariffStatus.Expired).ToArray();

    /// <summary>A kiosk whose current event is open all day, every day.</summary>
    public SeedKiosk DefaultKiosk { get; }

    /// <summary>A kiosk whose configured event has ended (check-in → checkin-not-allowed).</summary>
    public SeedKiosk KioskWithClosedEvent { get; }

    /// <summary>A kiosk without a configured event (→ event-not-found).</summary>
    public SeedKiosk KioskWithoutEvent { get; }

    /// <summary>The card with this chip number (any case), or null.</summary>
    public SeedCard? CardByChip(string chipNumber) => cardsByChip.GetValueOrDefault(chipNumber);

    /// <summary>The card with this UiTPAS number, or null.</summary>
    public SeedCard? CardByUitpasNumber(string uitpasNumber) => cardsByUitpasNumber.GetValueOrDefault(uitpasNumber);

    /// <summary>The passholder with this id, or null.</summary>
    public SeedPassholder? Passholder(string id) => passholders.GetValueOrDefault(id);

    /// <summary>The event with this id, or null.</summary>
    public SeedEvent? Event(string id) => events.GetValueOrDefault(id);

    /// <summary>The kiosk with this custom token, or null.</summary>
    public SeedKiosk? KioskByToken(string token) => kiosks.GetValueOrDefault(token);

    /// <summary>The card system with this id, or null.</summary>
    public SeedCardSystem? CardSystem(int id) => CardSystems.FirstOrDefault(c => c.Id == id);
}
