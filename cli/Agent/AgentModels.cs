namespace Uitpas.Edge.Cli.Agent;

// The agent's admin API (spec: docs/protocol.md "Admin API"; edge-agent/agent/Api). These are the
// CLI's own copies: reading is tolerant (a missing property keeps its default), and --json
// output writes exactly these property names.

/// <summary>One row of <c>GET /api/v1/devices</c>.</summary>
public class DeviceSummary
{
    public string Id { get; init; } = "";

    /// <summary>online | offline | unknown | retired.</summary>
    public string State { get; init; } = "unknown";

    public DateTimeOffset? LastSeen { get; init; }

    public DateTimeOffset? LastTap { get; init; }

    /// <summary>ok | degraded | failed | unknown.</summary>
    public string Reader { get; init; } = "unknown";

    /// <summary>Taps waiting in the terminal's journal, as last reported.</summary>
    public long? Journal { get; init; }

    public string? Firmware { get; init; }

    /// <summary>The config version the terminal reports in its status.</summary>
    public long? ConfigVersion { get; init; }

    public long? DesiredConfigVersion { get; init; }

    /// <summary>applied | pending | refused | none.</summary>
    public string Config { get; init; } = "none";

    public ConfigRefusal? ConfigRefusal { get; init; }

    public string? Region { get; init; }

    public string? Municipality { get; init; }

    public string? Venue { get; init; }

    public string? Counter { get; init; }

    public string? Organizer { get; init; }

    public DeviceEvent? CurrentEvent { get; init; }

    public DeviceLoan? Loan { get; init; }

    public string[] Alerts { get; init; } = [];
}

/// <summary><c>GET /api/v1/devices/{id}</c>: the summary and the device's history and settings.</summary>
public sealed class DeviceDetail : DeviceSummary
{
    public long? CardSystemId { get; init; }

    public string? Language { get; init; }

    public DeviceEvent[] Events { get; init; } = [];

    public DeviceLoan[] Loans { get; init; } = [];

    public Dictionary<string, string> EffectiveSettings { get; init; } = [];

    /// <summary>The last taps: time and outcome only (no chip numbers, no UiTPAS numbers, no names).</summary>
    public RecentTap[] RecentTaps { get; init; } = [];
}

public sealed record ConfigRefusal(long Version, string Reason, string? Detail, DateTimeOffset? At);

public sealed record DeviceEvent(string EventId, string? Title, DateTimeOffset From, DateTimeOffset Until, string? Domain = null);

public sealed record DeviceLoan(string Association, DateTimeOffset From, DateTimeOffset Until, DateTimeOffset? ReturnedAt = null, string? ReturnCondition = null, string? Note = null);

public sealed record RecentTap(DateTimeOffset At, string Outcome);

public sealed record DeviceSite(string? Region, string? Municipality, string? Venue, string? Counter, string? Organizer);

public sealed record NewDevice(string Id, string KioskToken, string? Language, long? CardSystemId);

public sealed record DeviceCredentials(string Username, string Password, string ConfigKey);

public sealed record CreatedDevice(DeviceSummary Device, DeviceCredentials Credentials);

public sealed record NewEvent(string EventId, DateTimeOffset From, DateTimeOffset Until, string? Title, string? Domain = null);

public sealed record NewLoan(string Association, DateTimeOffset From, DateTimeOffset Until);

public sealed record LoanReturn(string Condition, string? Note);

public sealed record ScopeConfig(string Scope, string ScopeId, Dictionary<string, string> Settings);

public sealed record ConfigChange(Dictionary<string, string?> Settings);

public sealed record ChangedDevice(string Id, long DesiredVersion);

public sealed record ConfigPushResult(string Scope, string ScopeId, Dictionary<string, string> Settings, ChangedDevice[] Devices);

public sealed record FleetAlert(string DeviceId, string Code, string Severity, DateTimeOffset? Since, string Message);

/// <summary>RFC 7807 problem details as the agent sends them.</summary>
public sealed record Problem(string? Type, string? Title, int? Status, string? Detail);

/// <summary>
/// The agent's answer to POST /sales: <see cref="Sale"/> for 200/201/202, else <see cref="Refusal"/>, the agent's
/// sentence (422: central's text for the counter; 503: nothing was sold, send the same key again).
/// </summary>
public sealed record SaleAnswer(System.Net.HttpStatusCode Status, Uitpas.Edge.Agent.Api.SaleView? Sale, string? Refusal);
