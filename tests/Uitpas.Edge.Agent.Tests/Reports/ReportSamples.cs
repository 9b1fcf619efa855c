using Uitpas.Edge.Agent.Reconcile;
using Uitpas.Edge.Agent.Reports;
using static Uitpas.Edge.Agent.Tests.Reports.EngineFacts;

namespace Uitpas.Edge.Agent.Tests.Reports;

/// <summary>
/// A small March 2026 for the output tests, with what the engine will hide:
/// cultuur 12 passholders (7 with the social tariff), sport 6 (5 with the social tariff), jeugd 2 (hidden: "&lt;5"; sport is then hidden as its
/// complement), welzijn 8 late taps refused after the window closed ("niet gecrediteerd"); February had 9 in cultuur.
/// Sales: CC De Werf on card system 1 (key 25/35/40) and 2 (default 20/40/40: a deviation), Sportdienst Aalst on 1 (€12.50 / €3.13).
/// </summary>
internal static class ReportSamples
{
    public static readonly CostSharingKey Key1 = new(2500, 3500, 4000);

    /// <summary>The hidden jeugd cell's real figures, which must never appear: 2 passholders, <see cref="JeugdTaps"/> check-ins.</summary>
    public const int JeugdTaps = 3;

    public static ReportPeriod March => Period("2026-03-01", "2026-03-31");

    public static List<TapFact> Taps(int jeugdTaps = JeugdTaps, int jeugdPassholders = 2)
    {
        var taps = new List<TapFact>();
        for (var p = 1; p <= 12; p++)
        {
            taps.Add(Tap(Local(2026, 3, p, 10), p, social: p <= 7, eventId: "ev-voorstelling"));
        }
        for (var p = 21; p <= 26; p++)
        {
            taps.Add(Tap(Local(2026, 3, 3, 10), p, domain: PolicyDomain.Sport, organizer: "Sportdienst Aalst", venue: "Zwembad", social: p <= 25, eventId: "ev-zwemmen"));
            taps.Add(Tap(Local(2026, 3, 17, 10), p, domain: PolicyDomain.Sport, organizer: "Sportdienst Aalst", venue: "Zwembad", eventId: "ev-zwemmen"));
        }
        for (var i = 0; i < jeugdTaps; i++)
        {
            taps.Add(Tap(Local(2026, 3, 14, 10), 31 + i % jeugdPassholders, domain: PolicyDomain.Jeugd, venue: "Bib", eventId: "ev-voorlezen"));
        }
        for (var p = 41; p <= 48; p++)
        {
            taps.Add(Tap(Local(2026, 3, 20, 23), p, TapCredit.RefusedWindowClosed, domain: PolicyDomain.Welzijn, venue: "Bib", eventId: "ev-avond"));
        }
        return taps;
    }

    public static List<TapFact> February() => [.. Enumerable.Range(1, 9).Select(p => Tap(Local(2026, 2, p, 10), p))];

    public static List<SaleFact> Sales() =>
    [
        Sale(Local(2026, 3, 2, 10), 1, 800, 200, key: Key1),
        Sale(Local(2026, 3, 5, 10), 2, 800, 200, cardSystem: 2),
        Sale(Local(2026, 3, 17, 11), 21, 1250, 313, domain: PolicyDomain.Sport, organizer: "Sportdienst Aalst", venue: "Zwembad", key: Key1,
            eventId: "ev-zwemmen", eventTitle: "Vrij zwemmen"),
    ];

    public static ParticipationReport Participation(int jeugdTaps = JeugdTaps, int jeugdPassholders = 2) =>
        Report(March, Taps(jeugdTaps, jeugdPassholders), Sales(), February());

    public static SettlementReport Settlement(long? cardSystem = null)
    {
        Assert.True(SettlementReport.TryBuild(Sales(), March, cardSystem, [1, 2], out var report, out var error), error);
        return report;
    }

    /// <summary>Every pseudonym the samples use, as hex: none may appear in any output.</summary>
    public static IEnumerable<string> PseudonymsHex() =>
        Taps().Select(t => Convert.ToHexString(t.Passholder.Span)).Concat(Sales().Select(s => Convert.ToHexString(s.Passholder.Span))).Distinct();
}

/// <summary>The samples as the store would hand them over (facts in [from, until)).</summary>
internal sealed class SampleReportSource(IReadOnlyList<TapFact> taps, IReadOnlyList<SaleFact> sales) : IReportSource
{
    public static SampleReportSource March() => new([.. ReportSamples.Taps(), .. ReportSamples.February()], ReportSamples.Sales());

    public int Reads { get; private set; }

    public Task<IReadOnlyList<TapFact>> TapsAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken)
    {
        Reads++;
        return Task.FromResult<IReadOnlyList<TapFact>>([.. taps.Where(t => t.At >= from && t.At < until)]);
    }

    public Task<IReadOnlyList<SaleFact>> SalesAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SaleFact>>([.. sales.Where(s => s.SoldAt >= from && s.SoldAt < until)]);

    public Task<IReadOnlyList<long>> KnownCardSystemsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<long>>([.. taps.Select(t => t.CardSystemId).Concat(sales.Select(s => s.CardSystemId)).Where(c => c > 0).Distinct().Order()]);
}
