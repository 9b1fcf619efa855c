namespace Uitpas.Edge.Central;

/// <summary>
/// The calls the edge agent makes to the UiTPAS API 4.0. Every method answers with a
/// <see cref="CentralResponse{T}"/>; it throws only for invalid arguments and, as usual, an
/// <see cref="OperationCanceledException"/> when the caller cancels its token by the caller.
/// No retries happen inside, apart from one token renewal after a 401.
/// </summary>
public interface IUitpasCentral
{
    /// <summary>POST /kiosk-devices/checkins: checks the holder of <paramref name="chipNumber"/> in at the kiosk's current event.</summary>
    Task<CentralResponse<KioskCheckin>> KioskCheckinAsync(string kioskToken, string chipNumber, CancellationToken ct);

    /// <summary>GET /kiosk-devices/checkins: the kiosk's current event (a 404 problem when it has none open now).</summary>
    Task<CentralResponse<KioskEvent>> GetKioskCurrentEventAsync(string kioskToken, CancellationToken ct);

    /// <summary>GET /passes?identifier=: a pass by chip number or UiTPAS number.</summary>
    Task<CentralResponse<PassInfo>> GetPassAsync(string identifier, CancellationToken ct);

    /// <summary>GET /checkins: a passholder's check-ins at the given organizers, newest first.</summary>
    Task<CentralResponse<CheckinPage>> SearchCheckinsAsync(CheckinQuery query, CancellationToken ct);

    /// <summary>POST /checkins: checks a passholder in at an event by UiTPAS number.</summary>
    Task<CentralResponse<CheckinResult>> CheckinAsync(string uitpasNumber, string eventId, CancellationToken ct);

    /// <summary>GET /cards/social-tariff/{cardSystemId}/active: every card whose social tariff is valid now (a large list, streamed).</summary>
    Task<CentralResponse<IReadOnlyList<SocialTariffCard>>> GetActiveSocialTariffCardsAsync(int cardSystemId, CancellationToken ct);

    /// <summary>GET /events/{eventId}/settings: check-in points and limits of an event.</summary>
    Task<CentralResponse<EventSettings>> GetEventSettingsAsync(string eventId, CancellationToken ct);

    /// <summary>GET /tariffs/static: the UiTPAS tariffs of an event at a regular price, for a passholder not known yet.</summary>
    Task<CentralResponse<TariffList>> GetStaticTariffsAsync(string eventId, decimal regularPrice, CancellationToken ct);
}
