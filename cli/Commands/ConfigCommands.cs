using System.CommandLine;
using Spectre.Console;
using Uitpas.Edge.Cli.Agent;
using Uitpas.Edge.Cli.CommandLine;
using Uitpas.Edge.Cli.Display;
using Uitpas.Edge.Protocol.Config;
using static Uitpas.Edge.Cli.CommandLine.Options;

namespace Uitpas.Edge.Cli.Commands;

/// <summary>
/// <c>config push</c> and <c>config show</c>: the settings layers (region → municipality → venue
/// → device, inherited downward) that the agent turns into each terminal's signed config.
/// </summary>
internal static class ConfigCommands
{
    private static readonly string[] Scopes = ["region", "municipality", "venue", "device"];

    public static Command Build(CliSession session) =>
        Command("config", "Terminal settings pushed over MQTT (signed per device, versioned, reported back).", Push(session), Show(session));

    private static Command Push(CliSession session)
    {
        var scopes = Scopes.Select(s => Text("--" + s, $"push to the {s} layer (one of --device, --venue, --municipality, --region)", s == "device" ? "id" : "name")).ToArray();
        var set = Many("--set", $"a setting to put in the layer, key=value (repeatable); settings: {ConfigSettings.KnownNames()}", "key=value");
        var unset = Many("--unset", "a setting to take out of the layer (repeatable): the layer above decides again", "key");
        var noWait = Flag("--no-wait", "return once the agent has published, without waiting for the terminals' reports");
        var timeout = Text("--timeout", "how long to wait for every affected terminal to report applied or refused (default 30s)", "duration");
        var command = Command("push",
            "Changes one settings layer; the agent re-signs and publishes the config of every terminal whose effective settings changed, "
            + "then this waits until each reports applied or refused (exit 1 when any refused or did not answer in time).",
            [.. scopes, set, unset, noWait, timeout]);
        session.Handle(command, async context =>
        {
            var chosen = scopes.Select((o, i) => (Scope: Scopes[i], Id: context.Get(o))).Where(s => s.Id is not null).ToList();
            if (chosen.Count != 1)
            {
                throw new UsageException("give exactly one of --device, --venue, --municipality or --region");
            }
            var (scope, scopeId) = (chosen[0].Scope, chosen[0].Id!.Trim());
            if (scopeId.Length == 0)
            {
                throw new UsageException($"--{scope} is empty");
            }
            var change = Changes(context.Get(set) ?? [], context.Get(unset) ?? []);
            var wait = Numbers.Duration(context.Get(timeout), "timeout", TimeSpan.FromSeconds(30), TimeSpan.FromHours(1));
            using var agent = context.Agent();
            var pushed = await agent.PushConfigAsync(scope, scopeId, new ConfigChange(change), context.Cancellation);
            if (context.Get(noWait) || pushed.Devices.Length == 0)
            {
                return Report(context, pushed, pushed.Devices.Select(d => new Outcome(d.Id, d.DesiredVersion, "published", null)).ToList());
            }
            var outcomes = await ConfigWait.UntilSettledAsync(context, agent, pushed.Devices, wait);
            return Report(context, pushed, outcomes);
        });
        return command;
    }

    private static Command Show(CliSession session)
    {
        var scope = Positional("scope", "region, municipality, venue or device");
        var id = Positional("id", "the region, municipality or venue name, or the device id");
        var command = Command("show", "The settings one layer sets (not inherited ones: device show gives a terminal's effective settings).", scope, id);
        session.Handle(command, async context =>
        {
            var which = context.Get(scope)!;
            if (!Scopes.Contains(which))
            {
                throw new UsageException($"scope must be region, municipality, venue or device, not '{which}'");
            }
            using var agent = context.Agent();
            var layer = await agent.ConfigAsync(which, context.Get(id)!, context.Cancellation);
            if (context.Json)
            {
                context.WriteJson(layer);
                return ExitCodes.Ok;
            }
            if (layer.Settings.Count == 0)
            {
                context.Out.WriteLine($"The {layer.Scope} layer {layer.ScopeId} sets nothing (the layers above or the provisioned values apply).");
                return ExitCodes.Ok;
            }
            var table = new Table().AddColumns("setting", "value");
            foreach (var (key, value) in layer.Settings.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                table.AddRow(new Text(key), new Text(value));
            }
            context.Console.WriteLine($"{layer.Scope} {layer.ScopeId}:");
            context.Console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>--set k=v and --unset k as the layer change (null removes); checked against ConfigSettings before the agent is asked.</summary>
    private static Dictionary<string, string?> Changes(string[] sets, string[] unsets)
    {
        if (sets.Length == 0 && unsets.Length == 0)
        {
            throw new UsageException("nothing to push: give --set key=value and/or --unset key");
        }
        var change = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var pair in sets)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new UsageException($"--set '{pair}' is not key=value");
            }
            var (key, value) = (pair[..equals].Trim(), pair[(equals + 1)..].Trim());
            if (ConfigSettings.Validate(key, value) is { } problem)
            {
                throw new UsageException(problem);
            }
            if (!change.TryAdd(key, value))
            {
                throw new UsageException($"{key} is set twice");
            }
        }
        foreach (var key in unsets.Select(k => k.Trim()))
        {
            if (!ConfigSettings.IsKnown(key))
            {
                throw new UsageException($"--unset: unknown setting '{key}'; the settings are {ConfigSettings.KnownNames()}");
            }
            if (!change.TryAdd(key, null))
            {
                throw new UsageException($"{key} is both set and unset");
            }
        }
        return change;
    }

    private static int Report(CommandContext context, ConfigPushResult pushed, IReadOnlyList<Outcome> outcomes)
    {
        var failed = outcomes.Where(o => o.Result is "refused" or "timeout").ToList();
        if (context.Json)
        {
            context.WriteJson(new { pushed.Scope, pushed.ScopeId, pushed.Settings, devices = outcomes });
        }
        else if (outcomes.Count == 0)
        {
            context.Out.WriteLine($"{pushed.Scope} {pushed.ScopeId} saved; no terminal's effective settings changed, so nothing was published.");
        }
        else
        {
            var table = new Table().Border(TableBorder.Simple).AddColumns("device", "version", "result", "detail");
            foreach (var outcome in outcomes)
            {
                table.AddRow(new Text(outcome.Id), new Text("v" + outcome.Version),
                    new Text(outcome.Result), new Text(outcome.Detail ?? ""));
            }
            context.Console.Write(table);
            var applied = outcomes.Count(o => o.Result == "applied");
            if (failed.Count == 0)
            {
                context.Out.WriteLine(outcomes.All(o => o.Result == "published")
                    ? $"Published to {outcomes.Count} device{(outcomes.Count == 1 ? "" : "s")} (not waiting for their reports)."
                    : $"Applied by all {applied} device{(applied == 1 ? "" : "s")}.");
            }
        }
        if (failed.Count == 0)
        {
            return ExitCodes.Ok;
        }
        context.Error.WriteLine($"error: {failed.Count} of {outcomes.Count} device{(outcomes.Count == 1 ? "" : "s")} did not apply the config: "
            + string.Join("; ", failed.Select(f => $"{f.Id} {f.Detail}")));
        return ExitCodes.Failed;
    }
}

/// <summary>One affected device after a push: applied, refused (with reason), timeout, or published (not waited for).</summary>
internal sealed record Outcome(string Id, long Version, string Result, string? Detail);
