namespace Uitpas.Edge.Simulator;

/// <summary>The registered ticket sales, behind the state's lock.</summary>
public sealed partial class SimulatorState
{
    private readonly List<RecordedTicketSale> ticketSales = [];
    private int nextTicketSaleId = 21_000;

    /// <summary>All registered ticket sales, cancelled ones included, oldest first (a snapshot).</summary>
    public IReadOnlyList<RecordedTicketSale> TicketSales
    {
        get
        {
            lock (gate)
            {
                return ticketSales.ToArray();
            }
        }
    }

    /// <summary>Standing (not cancelled) sales of this UiTPAS number.</summary>
    public int TicketSaleCountForPass(string uitpasNumber)
    {
        lock (gate)
        {
            return ticketSales.Count(s => s.UitpasNumber == uitpasNumber && s.CancelledAt is null);
        }
    }

    /// <summary>
    /// Registers every sale <paramref name="build"/> makes, or none: <paramref name="build"/> runs under the
    /// lock with the standing sales and a new id per sale, and returns the sales or the problem to answer.
    /// </summary>
    internal (IReadOnlyList<RecordedTicketSale>? Sales, SimResult? Problem) TryRegisterSales(
        Func<IReadOnlyList<RecordedTicketSale>, Func<string>, (IReadOnlyList<RecordedTicketSale>? Sales, SimResult? Problem)> build)
    {
        lock (gate)
        {
            var standing = ticketSales.Where(s => s.CancelledAt is null).ToArray();
            var next = nextTicketSaleId;
            var result = build(standing, () => (next++).ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (result.Sales is { } sales)
            {
                ticketSales.AddRange(sales);
                nextTicketSaleId = next;
            }
            return result;
        }
    }

    /// <summary>Standing sales matching <paramref name="predicate"/>, oldest first.</summary>
    internal IReadOnlyList<RecordedTicketSale> TicketSalesWhere(Func<RecordedTicketSale, bool> predicate)
    {
        lock (gate)
        {
            return ticketSales.Where(s => s.CancelledAt is null && predicate(s)).ToArray();
        }
    }

    /// <summary>Cancels a standing sale; false when there is none with this id.</summary>
    internal bool TryCancelTicketSale(string id, DateTimeOffset at)
    {
        lock (gate)
        {
            var index = ticketSales.FindIndex(s => s.Id == id && s.CancelledAt is null);
            if (index < 0)
            {
                return false;
            }
            ticketSales[index] = ticketSales[index] with { CancelledAt = at };
            return true;
        }
    }
}
