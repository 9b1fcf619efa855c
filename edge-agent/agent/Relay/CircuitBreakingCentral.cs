using Uitpas.Edge.Central;

namespace Uitpas.Edge.Agent.Relay;

/// <summary>
/// The relay's view of central: every call passes the <see cref="CircuitBreaker"/>. A refused
/// call makes no HTTP request and answers at once Unavailable, with the breaker's wait as
/// Retry-After and the problem type <see cref="CircuitOpenType"/> (see <see cref="IsRefusal{T}"/>):
/// nothing reached central, so it cannot have counted. Only the relay uses it (registered for
/// <see cref="RelayService"/>); snapshot building and card lookups call central directly.
/// </summary>
public sealed class CircuitBreakingCentral : IUitpasCentral
{
    /// <summary>The problem type of a call the open breaker refused.</summary>
    public const string CircuitOpenType = "urn:uitpas-edge:problem:circuit-open";

    private readonly IUitpasCentral _inner;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    public CircuitBreakingCentral(IUitpasCentral inner, CircuitBreaker breaker)
    {
        _inner = inner;
        Breaker = breaker;
    }

    /// <summary>The breaker the calls pass.</summary>
    public CircuitBreaker Breaker { get; }

    /// <summary>True when the breaker refused the call: no request left the agent.</summary>
    public static bool IsRefusal<T>(CentralResponse<T> response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.Outcome == CentralOutcome.Unavailable && response.Problem?.Type == CircuitOpenType;
    }

    /// <summary>True for an outcome that says central is out of reach: no answer, a timeout, a 5xx or 408 (not 429: that is pacing, an answer).</summary>
    public static bool IsUnreachable<T>(CentralResponse<T> response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.Outcome == CentralOutcome.Unavailable && response.HttpStatus is null or >= 500 or 408;
    }

    /// <inheritdoc />
    public Task<CentralResponse<KioskCheckin>> KioskCheckinAsync(string kioskToken, string chipNumber, CancellationToken ct) =>
        PassAsync(token => _inner.KioskCheckinAsync(kioskToken, chipNumber, token), ct);

    /// <inheritdoc />
    public Task<CentralResponse<KioskEvent>> GetKioskCurrentEventAsync(string kioskToken, CancellationToken ct) =>
        PassAsync(token => _inner.GetKioskCurrentEventAsync(kioskToken, token), ct);

    /// <inheritdoc />
    public Task<CentralResponse<PassInfo>> GetPassAsync(string identifier, CancellationToken ct) =>
        PassAsync(token => _inner.GetPassAsync(identifier, token), ct);

    /// <inheritdoc />
    public Task<CentralResponse<CheckinPage>> SearchCheckinsAsync(CheckinQuery query, CancellationToken ct) =>
        PassAsync(token => _inner.SearchCheckinsAsync(query, token), ct);

    /// <inheritdoc />
    public Task<CentralResponse<CheckinResult>> CheckinAsync(string uitpasNumber, string eventId, CancellationToken ct) =>
        PassAsync(token => _inner.CheckinAsync(uitpasNumber, eventId, token), ct);

    /// <inheritdoc />
    public Task<CentralResponse<IReadOnlyList<SocialTariffCard>>> GetActiveSocialTariffCardsAsync(int cardSystemId, CancellationToken ct) =>
        PassAsync(token => _inner.GetActiveSocialTariffCardsAsync(cardSystemId, token), ct);

    /// <inheritdoc />
    public Task<CentralResponse<EventSettings>> GetEventSettingsAsync(string eventId, CancellationToken ct) =>
        PassAsync(token => _inner.GetEventSettingsAsync(eventId, token), ct);

    /// <inheritdoc />
    public Task<CentralResponse<TariffList>> GetStaticTariffsAsync(string eventId, decimal regularPrice, CancellationToken ct) =>
        PassAsync(token => _inner.GetStaticTariffsAsync(eventId, regularPrice, token), ct);

    private async Task<CentralResponse<T>> PassAsync<T>(Func<CancellationToken, Task<CentralResponse<T>>> call, CancellationToken ct)
    {
        var permit = Breaker.Enter();
        if (!permit.IsAllowed)
        {
            var problem = new CentralProblem(CircuitOpenType, "Central unreachable: calls paused by the circuit breaker", null, null, null, null, null);
            return CentralResponse<T>.Unavailable("circuit breaker open: central unreachable, no call made", null, permit.RetryAfter, problem);
        }
        CentralResponse<T> response;
        try
        {
            response = await call(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            Breaker.Abandoned(permit);
            throw;
        }
        catch (Exception exception)
        {
            Breaker.Failed(permit, "the central client threw " + exception.GetType().Name);
            throw;
        }
        if (IsUnreachable(response))
        {
            Breaker.Failed(permit, response.FailureReason ?? "no usable answer");
        }
        else
        {
            Breaker.Answered(permit);
        }
        return response;
    }
}
