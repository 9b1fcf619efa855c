using Microsoft.Extensions.Options;
using Uitpas.Edge.Central;

namespace Uitpas.Edge.Agent.Store;

/// <summary>Which database holds the agent's state.</summary>
public enum StoreProvider
{
    /// <summary>One SQLite file in Agent:DataDirectory (WAL, synchronous=FULL): one agent instance.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database (Agent:Store:ConnectionString), shared by one or several agent instances.</summary>
    PostgreSql,
}

/// <summary>The store's provider and the relay's coordination between instances. Bound from "Agent:Store".</summary>
public sealed class StoreOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Agent:Store";

    /// <summary>Sqlite (default) or PostgreSql.</summary>
    public StoreProvider Provider { get; set; } = StoreProvider.Sqlite;

    /// <summary>Npgsql connection string; required with PostgreSql, unused with Sqlite. Never logged (it may hold a password).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// How long an instance's relay lease on a device lasts without renewal. It must be much longer
    /// than one call to central (at least 4 × Central:RequestTimeout): a call started under the
    /// lease ends before another instance can take the device over.
    /// </summary>
    public TimeSpan RelayLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the relay looks for devices with unrelayed taps that no live instance relays (taps another instance stored).</summary>
    public TimeSpan RelayPollInterval { get; set; } = TimeSpan.FromSeconds(3);
}

/// <summary>Checks <see cref="StoreOptions"/> at start, against the central client's request timeout.</summary>
internal sealed class StoreOptionsValidator(IOptions<CentralOptions> central) : IValidateOptions<StoreOptions>
{
    public ValidateOptionsResult Validate(string? name, StoreOptions options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Provider))
        {
            failures.Add("Agent:Store:Provider must be Sqlite or PostgreSql.");
        }
        if (options.Provider == StoreProvider.PostgreSql && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add("Agent:Store:ConnectionString is required when Agent:Store:Provider is PostgreSql.");
        }
        if (options.Provider == StoreProvider.PostgreSql && !string.IsNullOrWhiteSpace(options.ConnectionString) && !IsValidNpgsql(options.ConnectionString))
        {
            failures.Add("Agent:Store:ConnectionString is not a valid PostgreSQL connection string.");
        }
        var timeout = central.Value.RequestTimeout;
        if (options.RelayLease < TimeSpan.FromSeconds(1) || options.RelayLease < 4 * timeout)
        {
            failures.Add($"Agent:Store:RelayLease must be at least 1 s and at least 4 × Central:RequestTimeout ({4 * timeout}).");
        }
        if (options.RelayPollInterval < TimeSpan.FromMilliseconds(10) || options.RelayPollInterval > TimeSpan.FromMinutes(10))
        {
            failures.Add("Agent:Store:RelayPollInterval must be between 10 ms and 10 minutes.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsValidNpgsql(string connectionString)
    {
        try
        {
            _ = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
