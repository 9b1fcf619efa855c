using Uitpas.Edge.Agent.Reconcile;

namespace Uitpas.Edge.Agent.Reports;

/// <summary>The policy domain of an event (set with its assignment); the steering group's figures are cut by it.</summary>
public enum PolicyDomain
{
    /// <summary>Not set for the event: reported as "onbekend".</summary>
    Unknown = 0,
    Cultuur = 1,
    Jeugd = 2,
    Sport = 3,
    Welzijn = 4,
    Overig = 5,
}

/// <summary>
/// One final tap as the reports see it: pseudonymous (<see cref="Passholder"/> is a keyed hash, never a
/// chip or UiTPAS number) with its context frozen when it became final.
/// </summary>
public sealed record TapFact(
    long TapId,
    DateTimeOffset At,
    string DeviceId,
    string? EventId,
    PolicyDomain Domain,
    string? Region,
    string? Municipality,
    string? Venue,
    string? Organizer,
    long CardSystemId,
    ReadOnlyMemory<byte> Passholder,
    bool SocialTariff,
    TapCredit Credit);

/// <summary>
/// One social-tariff (or other) ticket sale confirmed by central, pseudonymous, with the cost-sharing key
/// that was in force when central confirmed it (a later change of the key never changes a past claim).
/// Amounts in euro cents.
/// </summary>
public sealed record SaleFact(
    long SaleId,
    string CentralSaleId,
    DateTimeOffset SoldAt,
    string DeviceId,
    string EventId,
    string? EventTitle,
    PolicyDomain Domain,
    string? Region,
    string? Municipality,
    string? Venue,
    string Organizer,
    long CardSystemId,
    ReadOnlyMemory<byte> Passholder,
    string TariffId,
    string TariffName,
    string TariffType,
    long RegularCents,
    long PaidCents,
    CostSharingKey Key)
{
    /// <summary>The tariff type central gives the social tariff.</summary>
    public const string SocialTariffType = "SOCIALTARIFF";

    public bool IsSocialTariff => string.Equals(TariffType, SocialTariffType, StringComparison.Ordinal);
}

/// <summary>What the report engine reads: facts of a period, never raw taps. Implemented by the store (SQLite, PostgreSQL).</summary>
public interface IReportSource
{
    /// <summary>Final taps with <c>from &lt;= At &lt; until</c>.</summary>
    Task<IReadOnlyList<TapFact>> TapsAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Sales confirmed by central with <c>from &lt;= SoldAt &lt; until</c>.</summary>
    Task<IReadOnlyList<SaleFact>> SalesAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>The card systems this agent knows (devices' profiles, facts and sales), to refuse unknown ones.</summary>
    Task<IReadOnlyList<long>> KnownCardSystemsAsync(CancellationToken cancellationToken);
}
