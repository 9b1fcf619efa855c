using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Uitpas.Edge.Agent.Api;
using Uitpas.Edge.Agent.Reports;
using Uitpas.Edge.Cli.Agent;
using Uitpas.Edge.Cli.CommandLine;
using static Uitpas.Edge.Cli.CommandLine.Options;

namespace Uitpas.Edge.Cli.Commands;

/// <summary>
/// <c>report participation|settlement</c>: asks the agent for a report, saves every file it makes (CSV, SVG, claim
/// HTML) into --out, and prints the domain totals or the organizers' claims. The agent formats every figure; the CLI
/// only saves bytes and shows the JSON's cells ("&lt;5" stays "&lt;5").
/// </summary>
internal static class ReportCommands
{
    public static Command Build(CliSession session)
    {
        var report = new Command("report", "Participation report and social-tariff settlement of a period (files made by the agent, saved into a folder).");
        report.Subcommands.Add(Participation(session));
        report.Subcommands.Add(Settlement(session));
        return report;
    }

    private static Command Participation(CliSession session)
    {
        var (from, to, output) = PeriodOptions();
        var lang = Text("--lang", "language of the files' headers and labels: nl (default), fr or en", "nl|fr|en");
        var command = Command("participation",
            "Saves the participation report (per-domein.csv, per-organisator.csv, …, niet-gecrediteerd.csv, the SVG charts) into --out "
            + "and prints the check-ins per domain. Cells of 1 to 4 passholders show <5.", from, to, output, lang);
        session.Handle(command, async context =>
        {
            var (first, last) = Dates(context, from, to);
            var language = Language(context.Get(lang));
            var folder = Folder(context.Get(output)!);
            using var agent = context.Agent();
            var view = await agent.ParticipationAsync(first, last, language, context.Cancellation);
            var written = new List<string>();
            foreach (var name in view.Files)
            {
                var bytes = await agent.ReportFileAsync("participation", name, first, last, language, null, context.Cancellation);
                written.Add(WriteAtomically(folder, name, bytes));
            }
            if (context.Json)
            {
                WriteJson(context, view, written);
                return ExitCodes.Ok;
            }
            var table = new Table().Border(TableBorder.Simple).Title($"participation {first} – {last}")
                .AddColumns("domain", "check-ins", "previous", "limit reached", "not credited", "passholders", "social tariff", "share %", "social-tariff sales");
            foreach (var row in view.Tables.First(t => t.Dimension == "domain").Rows.Append(view.Total))
            {
                table.AddRow(Markup.Escape(row.Label), Show(row.Checkins), Show(row.CheckinsTrend?.Previous), Show(row.RefusedLimit), Show(row.NotCredited),
                    Show(row.Passholders), Show(row.SocialTariffPassholders), Show(row.SocialTariffShare), Show(row.SocialTariffSales));
            }
            context.Console.Write(table);
            context.Out.WriteLine($"wrote {written.Count} files to {folder}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Settlement(CliSession session)
    {
        var (from, to, output) = PeriodOptions();
        var cardSystem = Text("--card-system", "only the sales of this card system (a number the agent knows)", "N");
        var command = Command("settlement",
            "Saves the social-tariff settlement into --out: samenvatting.csv and per organizer vordering-<organizer>.csv and a printable "
            + "vordering-<organizer>.html; prints what each organizer claims and what the municipality pays.", from, to, output, cardSystem);
        session.Handle(command, async context =>
        {
            var (first, last) = Dates(context, from, to);
            long? system = context.Get(cardSystem) is { } text ? CardSystem(text) : null;
            var folder = Folder(context.Get(output)!);
            using var agent = context.Agent();
            var view = await agent.SettlementAsync(first, last, system, context.Cancellation);
            var written = new List<string>();
            foreach (var name in view.Files)
            {
                var bytes = await agent.ReportFileAsync("settlement", name, first, last, null, system, context.Cancellation);
                written.Add(WriteAtomically(folder, name, bytes));
            }
            if (context.Json)
            {
                WriteJson(context, view, written);
                return ExitCodes.Ok;
            }
            var table = new Table().Border(TableBorder.Simple).Title($"social-tariff settlement {first} – {last}")
                .AddColumns("organizer", "card system", "sales", "regular €", "paid €", "organizer €", "municipality €", "deviations");
            foreach (var row in view.Summary)
            {
                AddTotals(table, row.Organizer, row.CardSystemId.ToString(CultureInfo.InvariantCulture), row.Totals);
            }
            AddTotals(table, "total", system?.ToString(CultureInfo.InvariantCulture) ?? "all", view.Total);
            context.Console.Write(table);
            context.Out.WriteLine($"the municipality pays € {Euro(view.Total.MunicipalityCents)} for {view.Total.Sales} social-tariff sale{(view.Total.Sales == 1 ? "" : "s")}; "
                + $"wrote {written.Count} files to {folder}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static (Option<string> From, Option<string> To, Option<string> Out) PeriodOptions() =>
        (Text("--from", "first day of the period (yyyy-mm-dd, Brussels calendar)", "date", required: true),
         Text("--to", "last day of the period, included (yyyy-mm-dd; at most 366 days, not after today)", "date", required: true),
         Text("--out", "the folder to save the files into (made when missing; files of the same name are replaced)", "dir", required: true));

    /// <summary>The dates as given, checked for their form only (the agent checks the period and says why it refuses).</summary>
    private static (string From, string To) Dates(CommandContext context, Option<string> from, Option<string> to)
    {
        var first = context.Get(from)!.Trim();
        var last = context.Get(to)!.Trim();
        if (!IsDate(first))
        {
            throw new UsageException($"--from must be a date yyyy-mm-dd, not '{first}'");
        }
        return IsDate(last) ? (first, last) : throw new UsageException($"--to must be a date yyyy-mm-dd, not '{last}'");
    }

    private static bool IsDate(string text) => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static string Language(string? text)
    {
        var name = (text ?? "nl").Trim().ToLowerInvariant();
        return name is "nl" or "fr" or "en" ? name : throw new UsageException($"--lang must be nl, fr or en, not '{text}'");
    }

    private static long CardSystem(string text) =>
        long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new UsageException($"--card-system must be a card system number (1, 2, …), not '{text}'");

    /// <summary>The --out folder, made when missing; a file there is refused before anything is asked of the agent.</summary>
    private static string Folder(string path)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            throw new UsageException($"--out {full} is a file; give a folder");
        }
        Directory.CreateDirectory(full);
        return full;
    }

    /// <summary>Writes to a temporary file in the folder, then renames it over the name: a reader never sees half a file.</summary>
    private static string WriteAtomically(string folder, string name, byte[] content)
    {
        if (name.Length == 0 || name != Path.GetFileName(name) || name.StartsWith('.'))
        {
            throw new CommandFailedException($"the agent named a report file '{name}', which is not a plain file name");
        }
        var target = Path.Combine(folder, name);
        var temporary = Path.Combine(folder, $".{name}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllBytes(temporary, content);
            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
        return target;
    }

    private static void WriteJson(CommandContext context, object view, IReadOnlyList<string> written)
    {
        var node = JsonSerializer.SerializeToNode(view, view.GetType(), CliJson.Output)!.AsObject();
        node["written"] = new JsonArray([.. written.Select(w => (JsonNode)JsonValue.Create(w))]);
        context.Out.WriteLine(node.ToJsonString(CliJson.Output));
    }

    private static void AddTotals(Table table, string organizer, string cardSystem, SettlementTotals totals) =>
        table.AddRow(Markup.Escape(organizer), cardSystem, totals.Sales.ToString(CultureInfo.InvariantCulture), Euro(totals.RegularCents),
            Euro(totals.ParticipantCents), Euro(totals.OrganizerCents), Euro(totals.MunicipalityCents), totals.Deviations.ToString(CultureInfo.InvariantCulture));

    private static string Show(Cell? cell) => cell is { } value ? Markup.Escape(value.Format(CultureInfo.InvariantCulture)) : "";

    private static string Euro(long cents) => (cents / 100m).ToString("0.00", CultureInfo.InvariantCulture);
}
