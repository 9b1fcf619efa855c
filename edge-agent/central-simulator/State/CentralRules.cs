using Uitpas.Edge.Central;
namespace Uitpas.Edge.Simulator;

/// <summary>
/// What central decides, on the seed and the state: the event's check-in limit per passholder
/// (one per Brussels day unless set otherwise), points per event, blocked cards refused, and
/// check-in only within the event's window plus <see cref="CheckinMargin"/> before and after.
/// </summary>
internal sealed class CentralRules(SeedCatalogue seed, SimulatorState state, TimeProvider time)
{
    /// <summary>How long before opening and after closing check-in is still allowed ("a certain period before and after").</summary>
    public static readonly TimeSpan CheckinMargin = TimeSpan.FromMinutes(30);

    /// <summary>True when check-in at <paramref name="ev"/> is allowed at <paramref name="instant"/>, margins included.</summary>
    public static bool IsCheckinAllowed(SeedEvent ev, DateTimeOffset instant) =>
        ev.IsOpenAt(BrusselsCalendar.LocalTime(instant))
        || ev.IsOpenAt(BrusselsCalendar.LocalTime(instant + CheckinMargin))
        || ev.IsOpenAt(BrusselsCalendar.LocalTime(instant - CheckinMargin));

    /// <summary>GET /kiosk-devices/checkins: the configured event while check-in is allowed; no autodetection.</summary>
    public SimResult KioskCurrentEvent(SeedKiosk kiosk)
    {
        var configured = state.CurrentEventOf(kiosk.Token) is { } id ? seed.Event(id) : null;
        if (configured is null)
        {
            return Problems.KioskEventNotFound(404, "The kiosk has no configured event.");
        }
        if (!IsCheckinAllowed(configured, time.GetUtcNow()))
        {
            return Problems.KioskEventNotFound(404, "Check-in for the kiosk's configured event is not allowed now.");
        }
        return new(200, new KioskDeviceEvent(configured.CheckinPoints, new KioskEventRef(configured.Id, configured.Title), configured.CheckinCode));
    }

    /// <summary>POST /kiosk-devices/checkins.</summary>
    public SimResult KioskCheckin(SeedKiosk kiosk, string chipNumber)
    {
        var ev = state.CurrentEventOf(kiosk.Token) is { } id ? seed.Event(id) : null;
        if (ev is null)
        {
            return Problems.KioskEventNotFound(400, "The kiosk has no configured event.");
        }
        var card = seed.CardByChip(chipNumber.Trim());
        if (card is null)
        {
            return Problems.PassholderNotFound();
        }
        if (card.Status == CardStatus.Blocked)
        {
            return Problems.CardBlocked();
        }
        var now = time.GetUtcNow();
        if (!IsCheckinAllowed(ev, now))
        {
            return Problems.CheckinNotAllowed();
        }
        var total = state.TryCommit(NewCheckin(now, card, ev, kiosk.Token, CheckinChannel.Kiosk));
        return total is { } points
            ? new(200, new KioskDeviceCheckinResponse(ev.CheckinPoints, points))
            : LimitProblems.Kiosk(state.CheckinLimitOf(ev.Id));
    }

    /// <summary>POST /checkins. The spec lists no maximum-reached here: a check-in over the event's limit is checkin-not-allowed.</summary>
    public SimResult Checkin(string uitpasNumber, string eventId)
    {
        if (!Luhn.IsValidUitpasNumber(uitpasNumber))
        {
            return Problems.InvalidUitpasNumber();
        }
        var card = seed.CardByUitpasNumber(uitpasNumber);
        if (card is null)
        {
            return Problems.PassholderNotFound();
        }
        var ev = seed.Event(eventId);
        if (ev is null)
        {
            return Problems.EventNotFound();
        }
        if (card.Status == CardStatus.Blocked)
        {
            return Problems.InvalidCardStatus(null);
        }
        var now = time.GetUtcNow();
        if (!IsCheckinAllowed(ev, now))
        {
            return Problems.CheckinNotAllowed();
        }
        var checkin = NewCheckin(now, card, ev, null, CheckinChannel.Api);
        return state.TryCommit(checkin) is null
            ? LimitProblems.Checkins(state.CheckinLimitOf(ev.Id))
            : new(201, ToBody(checkin, ev));
    }

    /// <summary>GET /passes?identifier= (a 13-digit UiTPAS number, else a chip number).</summary>
    public SimResult Pass(string identifier)
    {
        identifier = identifier.Trim();
        var card = identifier.Length == 13 && identifier.All(char.IsAsciiDigit)
            ? seed.CardByUitpasNumber(identifier)
            : seed.CardByChip(identifier);
        if (card is null)
        {
            return Problems.PassNotFound();
        }
        if (card.Status == CardStatus.Blocked)
        {
            return Problems.InvalidCardStatus(card.PassholderId);
        }
        var holder = seed.Passholder(card.PassholderId)!;
        var cardSystem = seed.CardSystem(card.CardSystemId)!;
        var tariff = holder.SocialTariff switch
        {
            SocialTariffStatus.Active => "ACTIVE",
            SocialTariffStatus.Expired => "EXPIRED",
            _ => "NONE",
        };
        PassMessageBody[]? messages = holder.SocialTariff == SocialTariffStatus.Expired
            ? [new("WARN", "Je kansentarief is verlopen. Ga langs bij je UiTPAS-balie om het te verlengen.")]
            : null;
        return new(200, new PassBody(
            holder.Id,
            "INDIVIDUAL",
            card.UitpasNumber,
            holder.FirstName,
            state.PointsOf(holder.Id),
            holder.PostalCode,
            new CardSystemBody(cardSystem.Id, cardSystem.Name),
            new SocialTariffBody(tariff, holder.SocialTariffEndDate is { } end ? SimJson.Timestamp(end) : null),
            messages));
    }

    /// <summary>GET /checkins: newest first; the passholder property is never included.</summary>
    public SimResult SearchCheckins(string passholderId, IReadOnlyCollection<string> organizerIds, string? eventTitle, int start, int limit)
    {
        var matches = state.CheckinsWhere(c =>
                c.PassholderId == passholderId
                && seed.Event(c.EventId) is { } ev
                && organizerIds.Contains(ev.OrganizerId)
                && (string.IsNullOrEmpty(eventTitle) || ev.Title.Contains(eventTitle, StringComparison.OrdinalIgnoreCase)))
            .Reverse()
            .ToArray();
        var page = matches.Skip(start).Take(limit).Select(c => ToBody(c, seed.Event(c.EventId)!)).ToArray();
        return new(200, new CheckinsPaginatedCollection(matches.Length, page));
    }

    private static RecordedCheckin NewCheckin(DateTimeOffset now, SeedCard card, SeedEvent ev, string? kioskToken, CheckinChannel channel) =>
        new(Guid.NewGuid().ToString(), now, BrusselsCalendar.Day(now), card.PassholderId, card.UitpasNumber, card.ChipNumber, ev.Id, kioskToken, ev.CheckinPoints, channel);

    private static CheckinBody ToBody(RecordedCheckin c, SeedEvent ev) =>
        new(c.Id, SimJson.Timestamp(c.CreatedAt), c.EventId, ev.Title, c.UitpasNumber, c.Points);
}
