using Spectre.Console;
using Uitpas.Edge.Cli.Agent;
using Uitpas.Edge.Cli.CommandLine;

namespace Uitpas.Edge.Cli.Commands;

/// <summary>After a push: polls the agent's fleet list until every affected device reports the new version applied or refused, or the time is up.</summary>
internal static class ConfigWait
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public static async Task<IReadOnlyList<Outcome>> UntilSettledAsync(CommandContext context, AgentApiClient agent, ChangedDevice[] devices, TimeSpan wait)
    {
        var deadline = context.Clock.GetUtcNow() + wait;
        var settled = new Dictionary<string, Outcome>(StringComparer.Ordinal);
        async Task PollAsync(Action<int> progress)
        {
            while (true)
            {
                var fleet = (await agent.ListDevicesAsync(new Dictionary<string, string>(), context.Cancellation)).ToDictionary(d => d.Id, StringComparer.Ordinal);
                foreach (var device in devices.Where(d => !settled.ContainsKey(d.Id)))
                {
                    if (Settle(device, fleet.GetValueOrDefault(device.Id)) is { } outcome)
                    {
                        settled[device.Id] = outcome;
                    }
                }
                progress(settled.Count);
                if (settled.Count == devices.Length || context.Clock.GetUtcNow() >= deadline)
                {
                    return;
                }
                await Task.Delay(PollInterval, context.Clock, context.Cancellation);
            }
        }
        if (context.Json || !context.Environment.Interactive)
        {
            // No live bar where nobody watches it (a pipe, a log, --json): one line at the start and the table at the end.
            context.Progress.WriteLine($"Waiting up to {wait.TotalSeconds:0} s for {devices.Length} device{(devices.Length == 1 ? "" : "s")} to report …");
            await PollAsync(_ => { });
        }
        else
        {
            await context.Console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async progress =>
                {
                    var task = progress.AddTask($"{devices.Length} device{(devices.Length == 1 ? "" : "s")} reporting", maxValue: devices.Length);
                    await PollAsync(count => task.Value = count);
                });
        }
        return devices.Select(d => settled.GetValueOrDefault(d.Id)
                ?? new Outcome(d.Id, d.DesiredVersion, "timeout", $"no report of v{d.DesiredVersion} within {wait.TotalSeconds:0} s"))
            .ToList();
    }

    private static Outcome? Settle(ChangedDevice pushed, DeviceSummary? device)
    {
        if (device is null)
        {
            return new Outcome(pushed.Id, pushed.DesiredVersion, "refused", "is no longer known to the agent");
        }
        if (device.ConfigRefusal is { } refusal && refusal.Version >= pushed.DesiredVersion)
        {
            return new Outcome(pushed.Id, pushed.DesiredVersion, "refused",
                $"refused v{refusal.Version}: {refusal.Reason}{(string.IsNullOrEmpty(refusal.Detail) ? "" : " (" + refusal.Detail + ")")}");
        }
        return device.Config == "applied" && (device.DesiredConfigVersion ?? 0) >= pushed.DesiredVersion
            ? new Outcome(pushed.Id, pushed.DesiredVersion, "applied", null)
            : null;
    }
}
