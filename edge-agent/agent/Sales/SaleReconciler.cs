using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Uitpas.Edge.Agent.Reports;
using Uitpas.Edge.Agent.Relay;
using Uitpas.Edge.Agent.Store;
using Uitpas.Edge.Central;

namespace Uitpas.Edge.Agent.Sales;

/// <summary>
/// Finishes the sales whose caller was told "confirmation follows". A sale in flight longer than a call can last
/// (Agent:Store:RelayLease; at start on SQLite: every one, the previous run's) is unknown. An unknown sale is looked
/// for among central's sales of its event (GET /ticket-sales?eventId=): the oldest sale with the same UiTPAS number,
/// tariff and regular price, created since its first call (less Agent:Relay:ClockSkew) and not claimed by another
/// sale, is claimed for it (central_sale_id is unique: each central sale is counted once); none → pending, and it is
/// sent again. Central's search failing leaves it unknown: it is never sent again on a guess.
/// </summary>
public sealed class SaleReconciler : BackgroundService
{
    /// <summary>Sales handled per round.</summary>
    private const int RoundSize = 50;

    /// <summary>Most pages of central's sales searched for one sale.</summary>
    private const int MaxPages = 20;

    private readonly SaleStore _store;
    private readonly SaleService _service;
    private readonly ITicketSales _central;
    private readonly AgentDatabase _database;
    private readonly ReportOptions _options;
    private readonly TimeSpan _clockSkew;
    private readonly TimeSpan _staleAfter;
    private readonly TimeProvider _time;
    private readonly ILogger<SaleReconciler> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public SaleReconciler(SaleStore store, SaleService service, ITicketSales central, AgentDatabase database, IOptions<ReportOptions> options,
        IOptions<RelayOptions> relay, IOptions<StoreOptions> storeOptions, TimeProvider time, ILogger<SaleReconciler> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(relay);
        ArgumentNullException.ThrowIfNull(storeOptions);
        _store = store;
        _service = service;
        _central = central;
        _database = database;
        _options = options.Value;
        _clockSkew = relay.Value.ClockSkew;
        _staleAfter = storeOptions.Value.RelayLease;
        _time = time;
        _logger = logger;
    }

    /// <summary>One round over the sales to finish; returns how many reached a final state (done or refused).</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var stale = await _store.ReleaseStaleAsync(_time.GetUtcNow() - _staleAfter, cancellationToken).ConfigureAwait(false);
            if (stale > 0)
            {
                SaleLog.Interrupted(_logger, stale, _staleAfter);
            }
            var settled = 0;
            foreach (var sale in _store.FollowUps(RoundSize))
            {
                var outcome = sale.State == SaleState.Unknown
                    ? await ReconcileAsync(sale, cancellationToken).ConfigureAwait(false)
                    : await _service.SendAsync(sale, cancellationToken).ConfigureAwait(false);
                settled += outcome?.Kind is SaleOutcomeKind.Done or SaleOutcomeKind.Refused ? 1 : 0;
            }
            return settled;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_database.IsShared)
        {
            // One instance: a sale in flight now was left so by the previous run.
            await _store.ReleaseStaleAsync(DateTimeOffset.MaxValue, stoppingToken).ConfigureAwait(false);
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                SaleLog.ReconcileFailed(_logger, _options.SaleReconcileInterval, exception);
            }
            try
            {
                await Task.Delay(_options.SaleReconcileInterval, _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }

    /// <summary>An unknown sale: claimed from central's sales, or sent again when it is not there; null when central could not tell.</summary>
    private async Task<SaleOutcome?> ReconcileAsync(StoredSale sale, CancellationToken cancellationToken)
    {
        // In flight while central is searched, so no other request or instance sends it meanwhile.
        if (!await _store.TryStartCallAsync(sale.Id, SaleState.Unknown, null, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }
        var (found, decided) = await SearchAsync(sale, cancellationToken).ConfigureAwait(false);
        if (!decided)
        {
            await _store.ReleaseAsync(sale.Id, SaleState.Unknown, followUp: true, CancellationToken.None).ConfigureAwait(false);
            return null;
        }
        if (found is not null)
        {
            SaleLog.FoundAtCentral(_logger, sale.SaleKey, found.Id);
            return await _service.ConfirmAsync(sale, found).ConfigureAwait(false);
        }
        SaleLog.NotFoundAtCentral(_logger, sale.SaleKey);
        await _store.ReleaseAsync(sale.Id, SaleState.Pending, followUp: true, CancellationToken.None).ConfigureAwait(false);
        return await _service.SendAsync(_store.Find(sale.SaleKey)!, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The oldest unclaimed matching sale at central, and whether central answered at all.</summary>
    private async Task<(TicketSaleRecord? Found, bool Decided)> SearchAsync(StoredSale sale, CancellationToken cancellationToken)
    {
        var since = (sale.InFlightSince ?? sale.CreatedAt) - _clockSkew;
        var candidates = new List<TicketSaleRecord>();
        for (var page = 0; page < MaxPages; page++)
        {
            var query = new TicketSaleQuery(sale.EventId) { Start = page * TicketSaleQuery.MaxLimit, Limit = TicketSaleQuery.MaxLimit };
            var response = await _central.SearchTicketSalesAsync(query, cancellationToken).ConfigureAwait(false);
            if (!response.IsOk)
            {
                return (null, false);
            }
            candidates.AddRange(response.Value.Sales.Where(s => s.UitpasNumber == sale.UitpasNumber && s.TariffId == sale.TariffId
                && SaleStore.Cents(s.RegularPrice) == sale.RegularCents && (s.CreationDate is null || s.CreationDate >= since)));
            // Central lists newest first: a page that ends before the window closes the search.
            var ended = response.Value.Sales.Count < TicketSaleQuery.MaxLimit || (page + 1) * TicketSaleQuery.MaxLimit >= response.Value.TotalItems
                || response.Value.Sales[^1].CreationDate < since;
            if (ended)
            {
                break;
            }
        }
        var found = candidates.OrderBy(s => s.CreationDate ?? DateTimeOffset.MaxValue).FirstOrDefault(s => !_store.IsClaimed(s.Id));
        return (found, true);
    }
}
