using System.Globalization;
using Spectre.Console;
using Uitpas.Edge.Agent.Api;
using Uitpas.Edge.Agent.Sales;

namespace Uitpas.Edge.Cli.Display;

/// <summary>A social-tariff sale: one sentence for its state, then its details. Never a card or UiTPAS number (the agent sends none).</summary>
internal static class SaleViews
{
    public static void Write(IAnsiConsole console, TextWriter output, SaleView sale)
    {
        output.WriteLine(Summary(sale));
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        void Row(string name, string? value) => grid.AddRow(new Text(name), new Text(string.IsNullOrEmpty(value) ? "-" : value));
        Row("sale key", sale.SaleKey);
        Row("state", sale.State);
        Row("device", sale.DeviceId);
        Row("event", string.IsNullOrEmpty(sale.EventTitle) ? sale.EventId : $"{sale.EventTitle} ({sale.EventId})");
        Row("organizer", sale.Organizer);
        Row("regular price", "€ " + Euro(sale.RegularPrice) + (string.IsNullOrEmpty(sale.RegularPriceLabel) ? "" : $" ({sale.RegularPriceLabel})"));
        Row("tariff", sale.TariffName is null ? null : $"{sale.TariffName} ({sale.TariffId})");
        Row("paid", sale.PaidPrice is { } paid ? "€ " + Euro(paid) : null);
        Row("central sale id", sale.CentralSaleId);
        Row("sold at", sale.SoldAt?.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        Row("cost-sharing key", sale.CostSharingKey);
        Row("counter text", sale.Message);
        console.Write(grid);
    }

    /// <summary>What the state means for the operator, in one sentence.</summary>
    public static string Summary(SaleView sale) => sale.State switch
    {
        "done" => $"sold at the social tariff ({sale.TariffName}): paid € {Euro(sale.PaidPrice ?? 0)} of the regular € {Euro(sale.RegularPrice)}.",
        "refused" => $"refused: {sale.Message}",
        "pending" when sale.Message != SaleService.ConfirmationFollows =>
            $"not sold: central could not be reached; run sale register again with --sale-key {sale.SaleKey}.",
        "inFlight" => $"being registered with central now; check with `uitpas-edge sale show {sale.SaleKey}`.",
        _ => $"central's answer was lost; the agent settles it, check with `uitpas-edge sale show {sale.SaleKey}`.",
    };

    private static string Euro(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
