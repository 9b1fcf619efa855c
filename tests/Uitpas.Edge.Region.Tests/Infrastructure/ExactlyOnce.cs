using Uitpas.Edge.Protocol;
using Uitpas.Edge.Simulator;

namespace Uitpas.Edge.Region.Tests.Infrastructure;

/// <summary>
/// The region's end state after a drain, checked against what the terminals did: central counted
/// every tap exactly once (each tap a distinct card, so the expected count is the number of taps),
/// no (passholder, event) twice, every acknowledged tap stored and final, every terminal answered.
/// </summary>
public static class ExactlyOnce
{
    /// <summary>Waits until the store has every tap final (nothing more will be sent to central).</summary>
    public static Task WaitDrainedAsync(Func<Task<IReadOnlyList<StoredTapRow>>> readStore, int expectedTaps, TimeSpan timeout) =>
        Eventually.HoldsAsync(
            async () =>
            {
                var rows = await readStore();
                return rows.Count >= expectedTaps && rows.All(r => r.RelayState == AgentStore.Done);
            },
            timeout,
            async () => AgentStore.Describe(await readStore()) + $", {expectedTaps} expected",
            TimeSpan.FromMilliseconds(250));

    /// <summary>
    /// Asserts the exact counts (call after <see cref="WaitDrainedAsync"/> and the fleet's answers);
    /// <paramref name="explanation"/> (e.g. <see cref="TapForensics"/>' story of the taps not checked in) is added to that failure's message.
    /// </summary>
    public static void Assert(CentralSimulator central, TerminalFleet fleet, IReadOnlyList<StoredTapRow> stored, string? explanation = null)
    {
        var taps = fleet.AllTaps();
        var acknowledged = fleet.AcknowledgedTaps();
        var checkins = central.State.Checkins;

        Xunit.Assert.Equal(taps.Count, acknowledged.Count);
        Xunit.Assert.Equal(taps.Count, taps.Select(t => t.ChipNumber).Distinct(StringComparer.OrdinalIgnoreCase).Count());

        // Central: exactly the cards tapped, each once; no passholder twice at an event.
        Xunit.Assert.Equal(taps.Count, checkins.Count);
        var doubled = checkins.GroupBy(c => (c.PassholderId, c.EventId)).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Xunit.Assert.True(doubled.Count == 0, $"{doubled.Count} passholders checked in twice at one event, e.g. " + string.Join(", ", doubled.Take(5)));
        Xunit.Assert.Equal(
            taps.Select(t => t.ChipNumber.ToUpperInvariant()).Order(StringComparer.Ordinal),
            checkins.Select(c => c.ChipNumber.ToUpperInvariant()).Order(StringComparer.Ordinal));

        // The agent's store: every acknowledged tap, once, final and checked in; nothing else.
        var keys = stored.Select(r => (r.DeviceId, r.Epoch, r.Sequence)).ToHashSet();
        Xunit.Assert.Equal(stored.Count, keys.Count);
        var lost = acknowledged.Where(t => !keys.Contains((t.DeviceId, t.Epoch, t.Sequence))).ToList();
        Xunit.Assert.True(lost.Count == 0, $"{lost.Count} acknowledged taps are not in the agent's store, e.g. " + string.Join(", ", lost.Take(5)));
        Xunit.Assert.Equal(taps.Count, stored.Count);
        var notDone = stored.Where(r => r.RelayState != AgentStore.Done || r.Outcome != (int)TapOutcome.CheckedIn).ToList();
        Xunit.Assert.True(notDone.Count == 0, $"{notDone.Count} stored taps are not final and checked in (central counted every tap once): "
            + string.Join(", ", notDone.GroupBy(r => (r.RelayState, r.Outcome)).Select(g => $"state {g.Key.RelayState} outcome {g.Key.Outcome}: {g.Count()}"))
            + "; e.g. " + string.Join(", ", notDone.Take(5)) + explanation);

        // The terminals: every tap answered "checked in", never two different answers for one tap.
        Xunit.Assert.All(fleet.Terminals, t => Xunit.Assert.Equal(0, t.ConflictingAnswers));
        Xunit.Assert.All(fleet.Terminals, t => Xunit.Assert.All(t.FinalAnswers().Values, a => Xunit.Assert.Equal(TapOutcome.CheckedIn, a.Outcome)));
    }
}
