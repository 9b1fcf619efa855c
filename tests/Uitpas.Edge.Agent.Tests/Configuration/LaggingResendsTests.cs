using Uitpas.Edge.Agent.Configuration;

namespace Uitpas.Edge.Agent.Tests.Configuration;

public sealed class LaggingResendsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_lagging_document_is_due_after_10_s_then_after_doubling_waits_up_to_5_minutes()
    {
        var resends = new LaggingResends();
        resends.Published("vt-001", 3, T0);
        var now = T0;
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 8; i++)
        {
            var published = now;
            while (!resends.IsDue("vt-001", 3, lagging: true, now, out _))
            {
                now += TimeSpan.FromSeconds(1);
            }
            waits.Add(now - published);
            resends.Published("vt-001", 3, now);
        }

        Assert.Equal([10, 20, 40, 80, 160, 300, 300, 300], waits.Select(w => (int)w.TotalSeconds));
    }

    [Fact]
    public void A_document_is_due_once_per_wait_and_not_while_its_publish_is_outstanding()
    {
        var resends = new LaggingResends();
        resends.Published("vt-001", 1, T0);

        Assert.True(resends.IsDue("vt-001", 1, lagging: true, T0.AddSeconds(10), out var waited));
        Assert.Equal(TimeSpan.FromSeconds(10), waited);
        // Not published again yet (the broker was down): not due a second time.
        Assert.False(resends.IsDue("vt-001", 1, lagging: true, T0.AddMinutes(10), out _));
    }

    [Fact]
    public void An_applied_document_or_a_newer_version_stops_the_resends_of_the_old_one()
    {
        var resends = new LaggingResends();
        resends.Published("vt-001", 1, T0);
        resends.Published("vt-002", 1, T0);

        Assert.False(resends.IsDue("vt-001", 1, lagging: false, T0.AddSeconds(30), out _));
        Assert.False(resends.IsDue("vt-001", 1, lagging: true, T0.AddSeconds(60), out _));
        Assert.False(resends.IsDue("vt-002", 2, lagging: true, T0.AddSeconds(60), out _));

        resends.Published("vt-002", 2, T0.AddSeconds(60));
        Assert.False(resends.IsDue("vt-002", 2, lagging: true, T0.AddSeconds(69), out _));
        Assert.True(resends.IsDue("vt-002", 2, lagging: true, T0.AddSeconds(70), out _));
    }
}
