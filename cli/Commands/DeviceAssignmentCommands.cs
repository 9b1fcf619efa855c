using System.CommandLine;
using System.Globalization;
using Uitpas.Edge.Cli.Agent;
using Uitpas.Edge.Cli.CommandLine;
using static Uitpas.Edge.Cli.CommandLine.Options;

namespace Uitpas.Edge.Cli.Commands;

/// <summary><c>device assign|lend|return</c>: where a terminal stands, which events it serves, who borrows it.</summary>
internal static class DeviceAssignmentCommands
{
    private const int MaxName = 100;

    public static IEnumerable<Command> Build(CliSession session)
    {
        yield return Assign(session);
        yield return Lend(session);
        yield return Return(session);
    }

    private static Command Assign(CliSession session)
    {
        var id = DeviceCommands.IdArgument();
        var site = new[]
        {
            Text("--region", "the region (its config layer applies)", "name"),
            Text("--municipality", "the municipality (its config layer applies)", "name"),
            Text("--venue", "the venue (its config layer applies)", "name"),
            Text("--counter", "the counter at the venue", "name"),
            Text("--organizer", "the organizer", "name"),
        };
        var eventId = Text("--event", "a UiTdatabank event id the terminal serves from --from until --until", "id");
        var from = Text("--from", "start of the event period: ISO date-time (2025-06-01T18:00+02:00) or a date (start of that day, local time)", "when");
        var until = Text("--until", "end of the event period: ISO date-time or a date (end of that day, local time)", "when");
        var title = Text("--title", "the event's title, for lists and the dashboard", "text");
        var domain = Text("--domain", "the event's policy domain for the reports: cultuur, jeugd, sport, welzijn or overig (one event has one domain)", "domain");
        var removeEvent = Text("--remove-event", "take this event assignment away", "id");
        var command = Command("assign",
            "Places a terminal (region → municipality → venue, counter, organizer; site options not given stay as they are) "
            + "and/or assigns it to a UiTdatabank event for a period (refused when it overlaps another).",
            [id, .. site, eventId, from, until, title, domain, removeEvent]);
        session.Handle(command, async context =>
        {
            var deviceId = DeviceCommands.ValidId(context, id);
            var values = site.Select(o => context.Get(o) is { } v ? Name(v, o.Name) : null).ToArray();
            var hasSite = values.Any(v => v is not null);
            NewEvent? assignment = null;
            if (context.Get(eventId) is { } eid)
            {
                var start = When(context.Get(from) ?? throw new UsageException("--event needs --from"), "--from", endOfDay: false);
                var end = When(context.Get(until) ?? throw new UsageException("--event needs --until"), "--until", endOfDay: true);
                if (end <= start)
                {
                    throw new UsageException("--until must be after --from");
                }
                assignment = new NewEvent(Name(eid, "--event"), start, end, context.Get(title), Domain(context.Get(domain)));
            }
            else if (context.Get(from) is not null || context.Get(until) is not null || context.Get(title) is not null || context.Get(domain) is not null)
            {
                throw new UsageException("--from, --until, --title and --domain belong to --event");
            }
            var removal = context.Get(removeEvent) is { } r ? Name(r, "--remove-event") : null;
            if (!hasSite && assignment is null && removal is null)
            {
                throw new UsageException("nothing to assign: give site options (--region, --municipality, --venue, --counter, --organizer), --event or --remove-event");
            }
            using var agent = context.Agent();
            DeviceDetail? device = null;
            if (removal is not null)
            {
                device = await agent.RemoveEventAsync(deviceId, removal, context.Cancellation);
            }
            if (assignment is not null)
            {
                device = await agent.AddEventAsync(deviceId, assignment, context.Cancellation);
            }
            if (hasSite)
            {
                var current = device ?? await agent.DeviceAsync(deviceId, context.Cancellation);
                var merged = new DeviceSite(values[0] ?? current.Region, values[1] ?? current.Municipality, values[2] ?? current.Venue,
                    values[3] ?? current.Counter, values[4] ?? current.Organizer);
                device = await agent.SetSiteAsync(deviceId, merged, context.Cancellation);
            }
            return Done(context, device!, $"{deviceId}: region {Or(device!.Region)} / municipality {Or(device.Municipality)} / venue {Or(device.Venue)} / counter {Or(device.Counter)} / organizer {Or(device.Organizer)}; "
                + $"{device.Events.Length} event{(device.Events.Length == 1 ? "" : "s")} assigned.");
        });
        return command;
    }

    /// <summary>The domain as the agent takes it (lowercase), or null; an unknown one is a usage error with the agent's sentence.</summary>
    private static string? Domain(string? text)
    {
        if (text is null)
        {
            return null;
        }
        string[] known = ["cultuur", "jeugd", "sport", "welzijn", "overig"];
        var name = text.Trim().ToLowerInvariant();
        return known.Contains(name) ? name : throw new UsageException($"--domain must be one of {string.Join(", ", known)}, not '{text}'");
    }

    private static Command Lend(CliSession session)
    {
        var id = DeviceCommands.IdArgument();
        var association = Text("--association", "the association borrowing the terminal", "name", required: true);
        var from = Text("--from", "first day (a date, or an ISO date-time)", "date", required: true);
        var until = Text("--until", "last day (a date: through the end of that day, or an ISO date-time)", "date", required: true);
        var command = Command("lend", "Lends a terminal to an association for a period (refused while another loan is open; device return ends it).",
            id, association, from, until);
        session.Handle(command, async context =>
        {
            var deviceId = DeviceCommands.ValidId(context, id);
            var who = Name(context.Get(association)!, "--association");
            var start = When(context.Get(from)!, "--from", endOfDay: false);
            var end = When(context.Get(until)!, "--until", endOfDay: true);
            if (end <= start)
            {
                throw new UsageException("--until must be after --from");
            }
            using var agent = context.Agent();
            var device = await agent.LendAsync(deviceId, new NewLoan(who, start, end), context.Cancellation);
            return Done(context, device, $"{deviceId} lent to {who} from {start:yyyy-MM-dd HH:mm} until {end:yyyy-MM-dd HH:mm}.");
        });
        return command;
    }

    private static Command Return(CliSession session)
    {
        var id = DeviceCommands.IdArgument();
        var condition = Text("--condition", "the return check: ok, damaged or incomplete", "ok|damaged|incomplete", required: true);
        var note = Text("--note", "what was found (damage, missing parts)", "text");
        var command = Command("return", "Ends the open loan with the return check.", id, condition, note);
        session.Handle(command, async context =>
        {
            var deviceId = DeviceCommands.ValidId(context, id);
            var check = context.Get(condition) switch
            {
                string c when c is "ok" or "damaged" or "incomplete" => c,
                var other => throw new UsageException($"--condition must be ok, damaged or incomplete, not '{other}'"),
            };
            var text = context.Get(note);
            if (check != "ok" && string.IsNullOrWhiteSpace(text))
            {
                context.Error.WriteLine($"warning: returned {check} without --note; say what is wrong for the next borrower");
            }
            using var agent = context.Agent();
            var device = await agent.ReturnAsync(deviceId, new LoanReturn(check, text), context.Cancellation);
            return Done(context, device, $"{deviceId} returned ({check}).");
        });
        return command;
    }

    private static int Done(CommandContext context, DeviceDetail device, string sentence)
    {
        if (context.Json)
        {
            context.WriteJson(device);
        }
        else
        {
            context.Out.WriteLine(sentence);
        }
        return ExitCodes.Ok;
    }

    private static string Or(string? text) => string.IsNullOrEmpty(text) ? "-" : text;

    private static string Name(string value, string option)
    {
        var trimmed = value.Trim();
        return trimmed.Length is > 0 and <= MaxName && !trimmed.Any(char.IsControl)
            ? trimmed
            : throw new UsageException($"{option} must be 1 to {MaxName} printable characters");
    }

    /// <summary>An ISO date-time (local time when it has no offset), or a date: its start, or with <paramref name="endOfDay"/> the start of the next day.</summary>
    public static DateTimeOffset When(string text, string option, bool endOfDay)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var day = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Local);
            return new DateTimeOffset(endOfDay ? day.AddDays(1) : day);
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var when) && text.Contains('T', StringComparison.Ordinal))
        {
            return when;
        }
        throw new UsageException($"{option} must be a date (2025-06-01) or an ISO date-time (2025-06-01T18:00+02:00), not '{text}'");
    }
}
