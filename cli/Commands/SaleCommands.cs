using System.CommandLine;
using System.Globalization;
using System.Net;
using Uitpas.Edge.Agent.Api;
using Uitpas.Edge.Agent.Devices;
using Uitpas.Edge.Central;
using Uitpas.Edge.Cli.Agent;
using Uitpas.Edge.Cli.CommandLine;
using Uitpas.Edge.Cli.Display;
using Uitpas.Edge.Protocol;
using static Uitpas.Edge.Cli.CommandLine.Options;

namespace Uitpas.Edge.Cli.Commands;

/// <summary>
/// <c>sale register|show</c>: a ticket sold at the social tariff (kansentarief) at a terminal's counter, relayed to
/// central by the agent under a sale key, so that running the same command again never sells twice. The card is
/// never printed back: key, state, tariff and amounts say enough.
/// </summary>
internal static class SaleCommands
{
    /// <summary>The agent's bounds (Api/SaleEndpoints.cs): a sale key, a price, a label.</summary>
    private const int MaxKey = 64;
    private const decimal MaxPrice = 100_000m;
    private const int MaxLabel = 100;

    public static Command Build(CliSession session)
    {
        var sale = new Command("sale", "Social-tariff (kansentarief) ticket sales at a terminal's counter, registered with UiTPAS by the agent.");
        sale.Subcommands.Add(Register(session));
        sale.Subcommands.Add(Show(session));
        return sale;
    }

    private static Command Register(CliSession session)
    {
        var device = Text("--device", "the terminal at whose counter the ticket is sold (its organizer and current event apply)", "id", required: true);
        var card = Text("--card", "the passholder's card: chip number (hex) or 13-digit UiTPAS number (never printed back)", "chip|number", required: true);
        var price = Text("--regular-price", "the ticket's regular price in euro, 12.50 or 12,50; central sets the social-tariff price from it", "euro", required: true);
        var label = Text("--label", "the name of the regular price (e.g. Volwassenen)", "text");
        var eventId = Text("--event", "the UiTdatabank event id (default: the event the terminal is assigned to now)", "id");
        var saleKey = Text("--sale-key", "the sale's key (made and printed when absent): run the same command with it after a timeout and the sale is never registered twice", "key");
        var command = Command("register",
            "Registers a ticket at the social tariff: the agent asks central for the passholder's kansentarief and registers the sale. "
            + "Prints the tariff and the price paid; exit 1 with central's text when it is refused.", device, card, price, label, eventId, saleKey);
        session.Handle(command, async context =>
        {
            var registration = new SaleRegistration(
                Key(context.Get(saleKey)) ?? Guid.NewGuid().ToString(),
                DeviceId(context.Get(device)!),
                Card(context.Get(card)!),
                Price(context.Get(price)!),
                Label(context.Get(label)),
                EventIdOption.Parse(context.Get(eventId)));
            var key = registration.SaleKey!;
            using var agent = context.Agent();
            if (context.Get(saleKey) is null)
            {
                context.Progress.WriteLine($"sale key {key}: if this command gets no answer, run it again with --sale-key {key} (one key is never sold twice)");
            }
            SaleAnswer answer;
            try
            {
                answer = await agent.RegisterSaleAsync(registration, context.Cancellation);
            }
            catch (CommandFailedException exception)
            {
                throw new CommandFailedException($"{exception.Message}; whether the sale was registered is not known: run the same command with --sale-key {key}");
            }
            if (answer.Sale is not { } sale)
            {
                throw new CommandFailedException(answer.Status == HttpStatusCode.ServiceUnavailable
                    ? $"{answer.Refusal} (run the same command with --sale-key {key})"
                    : answer.Refusal ?? $"the agent answered {(int)answer.Status}");
            }
            if (context.Json)
            {
                context.WriteJson(sale);
                return ExitCodes.Ok;
            }
            if (answer.Status == HttpStatusCode.OK)
            {
                context.Out.WriteLine($"sale key {key} was registered before: this is that sale, not a new one.");
            }
            SaleViews.Write(context.Console, context.Out, sale);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Show(CliSession session)
    {
        var key = Positional("saleKey", "the sale key register printed or was given");
        var command = Command("show", "Shows where a sale stands: done (tariff, price paid), unknown (the agent is settling it with central), refused (central's text).", key);
        session.Handle(command, async context =>
        {
            var saleKey = Key(context.Get(key)) ?? throw new UsageException("the sale key is empty");
            using var agent = context.Agent();
            var sale = await agent.SaleAsync(saleKey, context.Cancellation);
            if (context.Json)
            {
                context.WriteJson(sale);
                return ExitCodes.Ok;
            }
            SaleViews.Write(context.Console, context.Out, sale);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// A euro amount as the counter types it: "12.50", "12,50", "8" (at most two decimals, above 0, at most 100000).
    /// A thousands separator is refused rather than guessed ("1.250" could be either).
    /// </summary>
    internal static decimal Price(string text)
    {
        var value = text.Trim();
        if (value.StartsWith('-'))
        {
            throw new UsageException($"--regular-price cannot be negative, not '{text}'");
        }
        var separator = value.IndexOfAny(['.', ',']);
        var whole = separator < 0 ? value : value[..separator];
        var cents = separator < 0 ? "" : value[(separator + 1)..];
        if (whole.Length is 0 or > 9 || !whole.All(char.IsAsciiDigit) || (separator >= 0 && (cents.Length == 0 || !cents.All(char.IsAsciiDigit))))
        {
            throw new UsageException($"--regular-price must be a euro amount such as 12.50 or 12,50, not '{text}'");
        }
        if (cents.Length > 2)
        {
            throw new UsageException($"--regular-price has at most two decimals (cents), not '{text}'");
        }
        var amount = decimal.Parse(separator < 0 ? whole : whole + "." + cents, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        return amount is > 0 and <= MaxPrice
            ? amount
            : throw new UsageException($"--regular-price must be above 0 and at most {MaxPrice.ToString(CultureInfo.InvariantCulture)} euro, not '{text}'");
    }

    /// <summary>The sale key as the agent takes it (null when absent): 1 to 64 letters, digits, '-', '_' or '.'.</summary>
    private static string? Key(string? text)
    {
        if (text is null)
        {
            return null;
        }
        var key = text.Trim();
        return key.Length is > 0 and <= MaxKey && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? key
            : throw new UsageException($"a sale key is 1 to {MaxKey} letters, digits, '-', '_' or '.' (register prints the one it made), not '{text}'");
    }

    private static string DeviceId(string text) =>
        DeviceIds.IsValid(text.Trim())
            ? text.Trim()
            : throw new UsageException($"--device '{text}' is not a device id: 1 to {DeviceIds.MaxLength} characters of a-z, 0-9 and '-', not starting or ending with '-'");

    /// <summary>A chip number (hex) or a Luhn-valid 13-digit UiTPAS number, as the agent takes it; the message never repeats the card.</summary>
    private static string Card(string text)
    {
        var card = text.Trim().ToUpperInvariant();
        return Luhn.IsValidUitpasNumber(card) || (!card.All(char.IsAsciiDigit) && ChipUid.TryParseHex(card) is { } uid && ChipUid.IsValidLength(uid.Length))
            ? card
            : throw new UsageException("--card must be a chip number (hex, e.g. 04A1B2C3D4E5F6) or a 13-digit UiTPAS number");
    }

    private static string? Label(string? text)
    {
        if (text is null)
        {
            return null;
        }
        var label = text.Trim();
        return label.Length <= MaxLabel && !label.Any(char.IsControl)
            ? label
            : throw new UsageException($"--label must be at most {MaxLabel} characters without control characters");
    }
}
