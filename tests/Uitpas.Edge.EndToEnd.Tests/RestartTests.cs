using Uitpas.Edge.Agent.Events;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.VirtualTerminal;

namespace Uitpas.Edge.EndToEnd.Tests;

public sealed class RestartTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Tap_acknowledged_while_central_is_down_survives_an_agent_restart_and_is_checked_in_once()
    {
        await using var system = await TapSystem.StartAsync();
        var terminal = await system.StartTerminalAsync("e2e-01");
        var card = system.Central.Seed.GoodCards[3];
        system.Central.Faults.ServiceUnavailable();

        var seen = await terminal.TapAsync(card.ChipNumber, Timeout);
        Assert.Equal("Tik bewaard", seen.Screen.Title);
        Assert.Empty(system.Central.State.Checkins);

        await system.StopAgentAsync();
        system.Central.Faults.Clear();
        var relayed = new TaskCompletionSource<ResultPublished>(TaskCreationOptions.RunContinuationsAsynchronously);
        await system.StartAgentAsync(events => events.ResultPublished += e =>
        {
            if (e.Outcome == TapOutcome.CheckedIn) relayed.TrySetResult(e);
        });

        var result = await relayed.Task.WaitAsync(Timeout);
        Assert.Equal("e2e-01", result.DeviceId);
        await WaitUntil(() => terminal.Flow!.PendingTaps == 0, Timeout);
        Assert.Equal(1, system.Central.State.CheckinCountForChip(card.ChipNumber));
    }

    private static async Task WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (!condition())
        {
            await Task.Delay(20, cts.Token);
        }
    }
}
