namespace Uitpas.Edge.Agent.Api;

/// <summary>One terminal in the fleet list (spec §2); times are UTC, null when unknown.</summary>
public record DeviceSummary(
    string Id,
    string State,
    DateTimeOffset? LastSeen,
    DateTimeOffset? LastTap,
    string Reader,
    uint? Journal,
    string Firmware,
    uint ConfigVersion,
    uint DesiredConfigVersion,
    string Config,
    ConfigRefusalView? ConfigRefusal,
    string Region,
    string Municipality,
    string Venue,
    string Counter,
    string Organizer,
    EventView? CurrentEvent,
    LoanView? Loan,
    IReadOnlyList<string> Alerts);

/// <summary>One terminal in full: the summary plus card system, language, assignments, loans, effective settings and its last taps (time and outcome only).</summary>
public sealed record DeviceDetail : DeviceSummary
{
    /// <summary>The detail of <paramref name="summary"/>'s device.</summary>
    public DeviceDetail(DeviceSummary summary)
        : base(summary)
    {
    }

    public int CardSystemId { get; init; }

    public string Language { get; init; } = "";

    public DateTimeOffset? RetiredAt { get; init; }

    public IReadOnlyList<EventView> Events { get; init; } = [];

    public IReadOnlyList<LoanView> Loans { get; init; } = [];

    public IReadOnlyDictionary<string, string> EffectiveSettings { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<TapView> RecentTaps { get; init; } = [];
}

/// <summary>The last refused config report.</summary>
public sealed record ConfigRefusalView(uint Version, string Reason, string Detail, DateTimeOffset? At);

/// <summary>An event assignment [from, until); <see cref="Domain"/> is the event's policy domain (cultuur, jeugd, sport, welzijn, overig), null when not set.</summary>
public sealed record EventView(string EventId, string Title, DateTimeOffset From, DateTimeOffset Until, IReadOnlyList<decimal> RegularPrices, string? Domain);

/// <summary>A loan; the return fields are null while it is open.</summary>
public sealed record LoanView(string Association, DateTimeOffset From, DateTimeOffset Until, DateTimeOffset? ReturnedAt, string? ReturnCondition, string Note);

/// <summary>A tap: when, and what became of it (checked-in, refused, queued, rejected, pending). Nothing about the card or the passholder.</summary>
public sealed record TapView(DateTimeOffset At, string Outcome);

/// <summary>An alert for the helpdesk.</summary>
public sealed record Alert(string DeviceId, string Code, string Severity, DateTimeOffset Since, string Message);

/// <summary>The answer to a device creation: the secrets are shown this once.</summary>
public sealed record CreatedDevice(DeviceSummary Device, DeviceCredentials Credentials);

/// <summary>MQTT user name and password, and the config key (64 hex).</summary>
public sealed record DeviceCredentials(string Username, string Password, string ConfigKey);

/// <summary>POST /devices.</summary>
public sealed record CreateDeviceRequest(string? Id, string? KioskToken, string? Language, int? CardSystemId);

/// <summary>PUT /devices/{id}/site.</summary>
public sealed record SiteRequest(string? Region, string? Municipality, string? Venue, string? Counter, string? Organizer);

/// <summary>POST /devices/{id}/events; <see cref="Domain"/> (optional) is the event's policy domain.</summary>
public sealed record EventRequest(string? EventId, DateTimeOffset? From, DateTimeOffset? Until, string? Title, IReadOnlyList<decimal>? RegularPrices, string? Domain = null);

/// <summary>POST /devices/{id}/loans.</summary>
public sealed record LoanRequest(string? Association, DateTimeOffset? From, DateTimeOffset? Until);

/// <summary>POST /devices/{id}/loans/return.</summary>
public sealed record ReturnRequest(string? Condition, string? Note);
