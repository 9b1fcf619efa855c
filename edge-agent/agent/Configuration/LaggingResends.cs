namespace Uitpas.Edge.Agent.Configuration;

/// <summary>
/// When a device's desired document is published again because its terminal has not reported it:
/// a retained message can still be missed (a subscription being registered while it is published,
/// a terminal that dropped it). The first re-send comes <see cref="First"/> after the publish, then
/// the wait doubles up to <see cref="Max"/>; a new version starts over. Re-sending the same bytes is
/// harmless: a terminal that has them reports them as applied again.
/// </summary>
internal sealed class LaggingResends
{
    /// <summary>The wait before the first re-send of a version.</summary>
    public static readonly TimeSpan First = TimeSpan.FromSeconds(10);

    /// <summary>The longest wait between re-sends.</summary>
    public static readonly TimeSpan Max = TimeSpan.FromMinutes(5);

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The document of <paramref name="version"/> reached the broker at <paramref name="now"/>.</summary>
    public void Published(string deviceId, uint version, DateTimeOffset now)
    {
        lock (_entries)
        {
            var wait = _entries.TryGetValue(deviceId, out var entry) && entry.Version == version ? entry.Wait : First;
            _entries[deviceId] = new Entry(version, now, now + wait, wait);
        }
    }

    /// <summary>
    /// True (once per wait) when the terminal still lags behind <paramref name="version"/> and the
    /// wait since its last publish is over; the next wait is then twice as long. A device not lagging is forgotten.
    /// </summary>
    public bool IsDue(string deviceId, uint version, bool lagging, DateTimeOffset now, out TimeSpan waited)
    {
        waited = TimeSpan.Zero;
        lock (_entries)
        {
            if (!lagging)
            {
                _entries.Remove(deviceId);
                return false;
            }
            if (!_entries.TryGetValue(deviceId, out var entry) || entry.Version != version || now < entry.Due)
            {
                return false;
            }
            waited = now - entry.PublishedAt;
            var next = entry.Wait * 2 < Max ? entry.Wait * 2 : Max;
            _entries[deviceId] = entry with { Due = DateTimeOffset.MaxValue, Wait = next };
            return true;
        }
    }

    private sealed record Entry(uint Version, DateTimeOffset PublishedAt, DateTimeOffset Due, TimeSpan Wait);
}
