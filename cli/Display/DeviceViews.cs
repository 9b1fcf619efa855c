using System.Globalization;
using Spectre.Console;
using Uitpas.Edge.Cli.Agent;

namespace Uitpas.Edge.Cli.Display;

/// <summary>The fleet table and one device's page, as Spectre tables.</summary>
internal static class DeviceViews
{
    /// <summary>One line per device.</summary>
    public static void WriteTable(IAnsiConsole console, IReadOnlyList<DeviceSummary> devices, TimeProvider clock)
    {
        if (devices.Count == 0)
        {
            console.WriteLine("No devices match.");
            return;
        }
        var table = new Table().Border(TableBorder.Simple);
        foreach (var column in new[] { "id", "state", "last seen", "last tap", "reader", "journal", "firmware", "config", "venue", "event", "alerts" })
        {
            table.AddColumn(new TableColumn(column).NoWrap());
        }
        foreach (var device in devices)
        {
            table.AddRow(
                Cell(device.Id),
                new Markup(StateMarkup(device.State)),
                Cell(Ago(device.LastSeen, clock)),
                Cell(Ago(device.LastTap, clock)),
                new Markup(ReaderMarkup(device.Reader)),
                Cell(device.Journal?.ToString(CultureInfo.InvariantCulture) ?? "-"),
                Cell(Or(device.Firmware)),
                new Markup(Markup.Escape(ConfigLabel(device)).Replace("refused", "[red]refused[/]", StringComparison.Ordinal)),
                Cell(Site(device)),
                Cell(device.CurrentEvent is { } e ? (string.IsNullOrEmpty(e.Title) ? e.EventId : e.Title) : "-"),
                new Markup(device.Alerts.Length == 0 ? "-" : "[red]" + Markup.Escape(string.Join(", ", device.Alerts)) + "[/]"));
        }
        console.Write(table);
        console.WriteLine($"{devices.Count} device{(devices.Count == 1 ? "" : "s")}.");
    }

    /// <summary>Everything about one device.</summary>
    public static void WriteDetail(IAnsiConsole console, DeviceDetail device, TimeProvider clock)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        void Row(string name, string value) => grid.AddRow(new Text(name), new Text(value));
        Row("device", device.Id);
        Row("state", device.State);
        Row("last seen", Ago(device.LastSeen, clock));
        Row("last tap", Ago(device.LastTap, clock));
        Row("reader", device.Reader);
        Row("journal", device.Journal?.ToString(CultureInfo.InvariantCulture) ?? "-");
        Row("firmware", Or(device.Firmware));
        Row("config", ConfigLabel(device) + $" (desired v{device.DesiredConfigVersion ?? 0}, reported in status v{device.ConfigVersion ?? 0})");
        if (device.ConfigRefusal is { } refusal)
        {
            Row("last refusal", $"v{refusal.Version}: {refusal.Reason}{(string.IsNullOrEmpty(refusal.Detail) ? "" : " (" + refusal.Detail + ")")} at {Time(refusal.At)}");
        }
        Row("language", Or(device.Language));
        Row("card system", device.CardSystemId is { } cs and > 0 ? cs.ToString(CultureInfo.InvariantCulture) : "-");
        Row("site", $"region {Or(device.Region)} / municipality {Or(device.Municipality)} / venue {Or(device.Venue)} / counter {Or(device.Counter)} / organizer {Or(device.Organizer)}");
        Row("alerts", device.Alerts.Length == 0 ? "-" : string.Join(", ", device.Alerts));
        console.Write(grid);
        if (device.Events.Length > 0)
        {
            console.WriteLine();
            var events = new Table().Border(TableBorder.Simple).Title("events").AddColumns("event", "title", "domain", "from", "until");
            foreach (var e in device.Events)
            {
                events.AddRow(Cell(e.EventId), Cell(Or(e.Title)), Cell(Or(e.Domain)), Cell(Time(e.From)), Cell(Time(e.Until)));
            }
            console.Write(events);
        }
        if (device.Loans.Length > 0)
        {
            console.WriteLine();
            var loans = new Table().Border(TableBorder.Simple).Title("loans").AddColumns("association", "from", "until", "returned", "condition", "note");
            foreach (var loan in device.Loans)
            {
                loans.AddRow(Cell(loan.Association), Cell(Time(loan.From)), Cell(Time(loan.Until)), Cell(Time(loan.ReturnedAt)),
                    Cell(Or(loan.ReturnCondition)), Cell(Or(loan.Note)));
            }
            console.Write(loans);
        }
        if (device.EffectiveSettings.Count > 0)
        {
            console.WriteLine();
            var settings = new Table().Border(TableBorder.Simple).Title("effective settings").AddColumns("setting", "value");
            foreach (var (key, value) in device.EffectiveSettings.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                settings.AddRow(Cell(key), Cell(value));
            }
            console.Write(settings);
        }
        console.WriteLine();
        if (device.RecentTaps.Length == 0)
        {
            console.WriteLine("No taps yet.");
            return;
        }
        var taps = new Table().Border(TableBorder.Simple).Title("recent taps").AddColumns("at", "outcome");
        foreach (var tap in device.RecentTaps)
        {
            taps.AddRow(Cell(Time(tap.At)), Cell(tap.Outcome));
        }
        console.Write(taps);
    }

    /// <summary>"applied v7", "pending v8", "refused v8: stale", "none".</summary>
    public static string ConfigLabel(DeviceSummary device) => device.Config switch
    {
        "applied" => $"applied v{device.DesiredConfigVersion ?? device.ConfigVersion ?? 0}",
        "pending" => $"pending v{device.DesiredConfigVersion ?? 0}",
        "refused" => $"refused v{device.ConfigRefusal?.Version ?? device.DesiredConfigVersion ?? 0}: {device.ConfigRefusal?.Reason ?? "?"}",
        var other => other,
    };

    private static string Site(DeviceSummary device) =>
        string.IsNullOrEmpty(device.Venue) ? "-" : string.IsNullOrEmpty(device.Counter) ? device.Venue : $"{device.Venue} / {device.Counter}";

    /// <summary>The text, or "-" for none (the agent sends "" for an unset field).</summary>
    private static string Or(string? text) => string.IsNullOrEmpty(text) ? "-" : text;

    private static Text Cell(string text) => new(text);

    private static string StateMarkup(string state) => state switch
    {
        "online" => "[green]online[/]",
        "offline" => "[red]offline[/]",
        _ => Markup.Escape(state),
    };

    private static string ReaderMarkup(string reader) => reader switch
    {
        "ok" => "[green]ok[/]",
        "degraded" => "[yellow]degraded[/]",
        "failed" => "[red]failed[/]",
        _ => Markup.Escape(reader),
    };

    private static string Time(DateTimeOffset? at) =>
        at is { } value ? value.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "-";

    private static string Ago(DateTimeOffset? at, TimeProvider clock)
    {
        if (at is not { } value)
        {
            return "never";
        }
        var age = clock.GetUtcNow() - value;
        return age < TimeSpan.Zero ? Time(value)
            : age < TimeSpan.FromMinutes(1) ? $"{Math.Max(0, (int)age.TotalSeconds)} s ago"
            : age < TimeSpan.FromHours(1) ? $"{(int)age.TotalMinutes} min ago"
            : age < TimeSpan.FromDays(1) ? $"{(int)age.TotalHours} h ago"
            : Time(value);
    }
}
