using System.Collections.Concurrent;
using Uitpas.Edge.Agent.Relay;
using Uitpas.Edge.Central;

namespace Uitpas.Edge.Agent.Reconcile;

/// <summary>An event's check-in limit: at most <see cref="Volume"/> check-ins per passholder per <see cref="Period"/>.</summary>
public sealed record EventLimit(int Volume, LimitPeriod Period);

/// <summary>
/// Events' check-in limits from GET /events/{id}/settings (checkinLimit), kept for
/// <see cref="CacheFor"/>. When central does not tell (no limit set, no permission, unavailable),
/// one per <see cref="RelayOptions.CheckinLimitPeriod"/>.
/// </summary>
internal sealed class EventLimits
{
    /// <summary>How long a fetched limit is used before it is asked again.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(10);

    private readonly IUitpasCentral _central;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, (EventLimit Limit, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    public EventLimits(IUitpasCentral central, RelayOptions options, TimeProvider time)
    {
        _central = central;
        _time = time;
        Default = new EventLimit(1, options.CheckinLimitPeriod);
    }

    /// <summary>One check-in per the configured period.</summary>
    public EventLimit Default { get; }

    public async Task<EventLimit> OfAsync(string? eventId, CancellationToken cancellationToken)
    {
        if (eventId is null)
        {
            return Default;
        }
        var now = _time.GetUtcNow();
        if (_cache.TryGetValue(eventId, out var cached) && cached.Until > now)
        {
            return cached.Limit;
        }
        var settings = await _central.GetEventSettingsAsync(eventId, cancellationToken).ConfigureAwait(false);
        if (settings.Outcome == CentralOutcome.Unavailable)
        {
            return Default;
        }
        var limit = settings.Value?.CheckinLimit is { Volume: > 0 } set && Map(set.Period) is { } period
            ? new EventLimit(set.Volume, period)
            : Default;
        _cache[eventId] = (limit, now + CacheFor);
        return limit;
    }

    private static LimitPeriod? Map(LimitPeriodType period) => period switch
    {
        LimitPeriodType.Absolute => LimitPeriod.Absolute,
        LimitPeriodType.Day => LimitPeriod.Day,
        LimitPeriodType.Week => LimitPeriod.Week,
        LimitPeriodType.Month => LimitPeriod.Month,
        LimitPeriodType.Quarter => LimitPeriod.Quarter,
        LimitPeriodType.Year => LimitPeriod.Year,
        _ => null,
    };
}
