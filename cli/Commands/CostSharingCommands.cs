using System.CommandLine;
using System.Globalization;
using Uitpas.Edge.Agent.Api;
using Uitpas.Edge.Agent.Devices;
using Uitpas.Edge.Agent.Reports;
using Uitpas.Edge.Cli.CommandLine;
using Uitpas.Edge.Cli.Display;
using static Uitpas.Edge.Cli.CommandLine.Options;

namespace Uitpas.Edge.Cli.Commands;

/// <summary>
/// <c>cost-sharing set|show|remove</c>: how the regular price of a social-tariff ticket is shared between participant,
/// organizer and municipality, per card system or per event of it. A key is checked here with the agent's own parser
/// (same sentences) and applies to sales confirmed from then on; each sale keeps the key it was confirmed under.
/// </summary>
internal static class CostSharingCommands
{
    public static Command Build(CliSession session)
    {
        var costSharing = new Command("cost-sharing",
            "Cost-sharing keys of the social tariff: participant/organizer/municipality shares of the regular price, per card system or event.");
        costSharing.Subcommands.Add(Set(session));
        costSharing.Subcommands.Add(Show(session));
        costSharing.Subcommands.Add(Remove(session));
        return costSharing;
    }

    private static Command Set(CliSession session)
    {
        var cardSystem = CardSystemOption(required: true, "the card system the key is for");
        var eventId = EventOption("only this event of the card system (default: all its events)");
        var key = Text("--key", "participant/organizer/municipality in percent, e.g. 25/35/40 (participant above 0 and at most 25, organizer at least 10, sum 100)",
            "p/o/m", required: true);
        var command = Command("set", "Sets the cost-sharing key of a card system, or of one of its events; sales confirmed from now on use it.", cardSystem, eventId, key);
        session.Handle(command, async context =>
        {
            var system = CardSystem(context.Get(cardSystem)!);
            var ev = EventIdOption.Parse(context.Get(eventId));
            if (!CostSharingKey.TryParse(context.Get(key), out var parsed, out var error))
            {
                throw new UsageException(error.TrimEnd('.'));
            }
            using var agent = context.Agent();
            var overview = await agent.SetCostSharingAsync(system, ev, parsed.ToString(), context.Cancellation);
            return Done(context, overview, $"card system {system}{(ev is null ? "" : $", event {ev}")}: cost-sharing key {parsed} "
                + $"({CostSharingViews.Shares(parsed)}) for sales confirmed from now on.");
        });
        return command;
    }

    private static Command Show(CliSession session)
    {
        var cardSystem = CardSystemOption(required: false, "only this card system");
        var command = Command("show", "Shows the keys in force: the default and each card system's and event's own key.", cardSystem);
        session.Handle(command, async context =>
        {
            long? system = context.Get(cardSystem) is { } text ? CardSystem(text) : null;
            using var agent = context.Agent();
            var overview = await agent.CostSharingAsync(context.Cancellation);
            if (system is { } only)
            {
                if (!overview.KnownCardSystems.Contains(only) && overview.Keys.All(k => k.CardSystemId != only))
                {
                    // The agent's sentence for a card system it does not know (PUT and DELETE answer it as a 404).
                    throw new CommandFailedException(CostSharingKey.UnknownCardSystem(only, overview.KnownCardSystems).TrimEnd('.'));
                }
                overview = overview with
                {
                    KnownCardSystems = [only],
                    Keys = [.. overview.Keys.Where(k => k.CardSystemId == only)],
                };
            }
            if (context.Json)
            {
                context.WriteJson(overview);
                return ExitCodes.Ok;
            }
            CostSharingViews.WriteTable(context.Console, overview, includeDefault: system is null);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Remove(CliSession session)
    {
        var cardSystem = CardSystemOption(required: true, "the card system whose key goes");
        var eventId = EventOption("only the key of this event (default: the card system's own key)");
        var command = Command("remove", "Removes a card system's or an event's own key; the card system's key or the default applies to later sales.", cardSystem, eventId);
        session.Handle(command, async context =>
        {
            var system = CardSystem(context.Get(cardSystem)!);
            var ev = EventIdOption.Parse(context.Get(eventId));
            using var agent = context.Agent();
            var overview = await agent.RemoveCostSharingAsync(system, ev, context.Cancellation);
            var applies = ev is null ? null : overview.Keys.FirstOrDefault(k => k.CardSystemId == system && k.EventId is null);
            return Done(context, overview, ev is null
                ? $"card system {system}: own cost-sharing key removed; the default {overview.Default} applies to later sales."
                : $"card system {system}, event {ev}: own cost-sharing key removed; "
                  + (applies is null ? $"the default {overview.Default}" : $"the card system's key {applies.Key}") + " applies to later sales.");
        });
        return command;
    }

    private static int Done(CommandContext context, CostSharingOverview overview, string sentence)
    {
        if (context.Json)
        {
            context.WriteJson(overview);
        }
        else
        {
            context.Out.WriteLine(sentence);
        }
        return ExitCodes.Ok;
    }

    private static Option<string> CardSystemOption(bool required, string description) =>
        Text("--card-system", description + " (central's card system id, e.g. 1)", "N", required);

    private static Option<string> EventOption(string description) => Text("--event", description + ": a UiTdatabank event id", "id");

    /// <summary>A card system id as the agent takes it: a whole number from 1.</summary>
    private static long CardSystem(string text) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new UsageException($"--card-system must be a card system id (a whole number from 1), not '{text}'");
}
