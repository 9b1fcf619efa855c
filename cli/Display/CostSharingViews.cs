using System.Globalization;
using Spectre.Console;
using Uitpas.Edge.Agent.Api;
using Uitpas.Edge.Agent.Reports;

namespace Uitpas.Edge.Cli.Display;

/// <summary>The cost-sharing keys in force, as a Spectre table: the default, then per card system its key (own or the default) and its events' keys.</summary>
internal static class CostSharingViews
{
    public static void WriteTable(IAnsiConsole console, CostSharingOverview overview, bool includeDefault)
    {
        var table = new Table().Border(TableBorder.Simple).AddColumns("card system", "event", "key", "participant %", "organizer %", "municipality %", "set at");
        CostSharingKey.TryParse(overview.Default, out var fallback, out _);
        if (includeDefault)
        {
            table.AddRow(Cells("default", "every event", overview.Default, fallback, "Agent:Reports:DefaultCostSharing"));
        }
        var systems = overview.KnownCardSystems.Concat(overview.Keys.Select(k => k.CardSystemId)).Distinct().Order();
        foreach (var system in systems)
        {
            var id = system.ToString(CultureInfo.InvariantCulture);
            var own = overview.Keys.FirstOrDefault(k => k.CardSystemId == system && k.EventId is null);
            table.AddRow(own is null
                ? Cells(id, "every event", overview.Default + " (default)", fallback, "-")
                : Cells(id, "every event", own.Key, own));
            foreach (var entry in overview.Keys.Where(k => k.CardSystemId == system && k.EventId is not null).OrderBy(k => k.EventId, StringComparer.Ordinal))
            {
                table.AddRow(Cells(id, entry.EventId!, entry.Key, entry));
            }
        }
        console.Write(table);
    }

    /// <summary>"participant 25%, organizer 35%, municipality 40%".</summary>
    public static string Shares(CostSharingKey key) =>
        $"participant {Percent(key.ParticipantBp / 100m)}%, organizer {Percent(key.OrganizerBp / 100m)}%, municipality {Percent(key.MunicipalityBp / 100m)}%";

    private static Text[] Cells(string system, string eventId, string key, CostSharingKey shares, string setAt) =>
        Texts(system, eventId, key, Percent(shares.ParticipantBp / 100m), Percent(shares.OrganizerBp / 100m), Percent(shares.MunicipalityBp / 100m), setAt);

    private static Text[] Cells(string system, string eventId, string key, CostSharingKeyView entry) =>
        Texts(system, eventId, key, Percent(entry.Participant), Percent(entry.Organizer), Percent(entry.Municipality),
            entry.UpdatedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));

    private static Text[] Texts(params string[] values) => [.. values.Select(v => new Text(v))];

    private static string Percent(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
