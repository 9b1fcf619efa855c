using System.Collections.Frozen;
using System.Data.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Uitpas.Edge.Agent.Fleet;
using Uitpas.Edge.Agent.Store;

namespace Uitpas.Edge.Agent.Devices;

/// <summary>
/// The terminals the agent serves, kept in the devices table (with their card system and event
/// assignments, site, loans, retirement and config key beside it). At start the devices
/// configured under "Agent:Devices" are added or updated there, their assignments replaced
/// (others are left alone: the admin API manages them, see DeviceRegistry.Changes.cs); lookups
/// are served from an in-memory snapshot that <see cref="ReloadAsync"/> refreshes. Retired
/// devices stay in <see cref="All"/> with <see cref="Device.Retired"/> set.
/// </summary>
public sealed partial class DeviceRegistry : IHostedService, IDeviceKeys
{
    private readonly StoreWriter _writer;
    private readonly AgentDatabase _database;
    private readonly IOptions<DeviceSeedOptions> _seeds;
    private readonly TimeProvider _time;
    private readonly ILogger<DeviceRegistry> _logger;
    private volatile FrozenDictionary<string, Device> _devices = FrozenDictionary<string, Device>.Empty;
    private readonly Lock _reloadGate = new();
    private volatile FrozenDictionary<string, byte[]> _configKeys = FrozenDictionary<string, byte[]>.Empty;
    private volatile FrozenDictionary<string, Reports.PolicyDomain> _domains = FrozenDictionary<string, Reports.PolicyDomain>.Empty;

    /// <summary>Creates the registry; <see cref="StartAsync"/> seeds and loads it.</summary>
    public DeviceRegistry(StoreWriter writer, AgentDatabase database, IOptions<DeviceSeedOptions> seeds, TimeProvider time, ILogger<DeviceRegistry> logger)
    {
        _writer = writer;
        _database = database;
        _seeds = seeds;
        _time = time;
        _logger = logger;
    }

    /// <summary>All registered devices.</summary>
    public IReadOnlyCollection<Device> All => _devices.Values;

    /// <summary>
    /// Raised after the registry was (re)loaded: at start and after every change made through
    /// the admin API (create, site, events, loans, retire), so snapshot builders and the config
    /// service follow assignment and scope changes. Config keys are current when it fires.
    /// </summary>
    public event EventHandler? Reloaded;

    /// <summary>Finds a registered device.</summary>
    public bool TryGet(string deviceId, out Device device)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        return _devices.TryGetValue(deviceId, out device!);
    }

    /// <summary>The event assignment of <paramref name="deviceId"/> in force at <paramref name="at"/>; null for an unknown device or when none covers it.</summary>
    public EventAssignment? EventAt(string deviceId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        return _devices.TryGetValue(deviceId, out var device) ? device.EventAt(at) : null;
    }

    /// <summary>The policy domain of <paramref name="eventId"/> (null: none); Unknown when not set.</summary>
    public Reports.PolicyDomain DomainOf(string? eventId) =>
        eventId is not null && _domains.TryGetValue(eventId, out var domain) ? domain : Reports.PolicyDomain.Unknown;

    /// <summary>The domain the database holds for <paramref name="eventId"/> now (read, not the loaded snapshot).</summary>
    public Reports.PolicyDomain StoredDomainOf(string eventId)
    {
        using var connection = _database.Open();
        return DeviceRows.DomainIn(connection, null, eventId);
    }

    /// <inheritdoc />
    public byte[]? ConfigKeyOf(string deviceId)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        return _configKeys.TryGetValue(deviceId, out var key) && _devices.TryGetValue(deviceId, out var device) && !device.Retired
            ? (byte[])key.Clone()
            : null;
    }

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var seeds = _seeds.Value.Devices;
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        await _writer.ExecuteAsync((connection, transaction) => Seed(connection, transaction, seeds, now), cancellationToken).ConfigureAwait(false);
        await ReloadAsync(cancellationToken).ConfigureAwait(false);
        DeviceLog.Loaded(_logger, _devices.Count, seeds.Count);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Reads the devices tables again (after another process changed them).</summary>
    public Task ReloadAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_reloadGate)
        {
            Load();
        }
        Reloaded?.Invoke(this, EventArgs.Empty);
        return Task.CompletedTask;
    }

    /// <summary>Reads every table into new snapshots (under the reload lock, so a later read is never replaced by an earlier one).</summary>
    private void Load()
    {
        using var connection = _database.Open();
        var events = DeviceRows.ReadAssignments(connection);
        var sites = DeviceFleetRows.ReadSites(connection);
        var retired = DeviceFleetRows.ReadRetirements(connection);
        var loans = DeviceFleetRows.ReadLoans(connection);
        var keys = DeviceFleetRows.ReadConfigKeys(connection);
        var domains = DeviceRows.ReadDomains(connection);
        using var select = connection.CreateCommand();
        select.CommandText = """
            SELECT d.id, d.kiosk_token, d.language, COALESCE(p.card_system_id, 0)
            FROM devices d LEFT JOIN device_profiles p ON p.device_id = d.id
            """;
        using var reader = select.ExecuteReader();
        var devices = new Dictionary<string, Device>(StringComparer.Ordinal);
        while (reader.Read())
        {
            var id = reader.GetString(0);
            var retiredAt = retired.TryGetValue(id, out var at) ? at : (DateTimeOffset?)null;
            devices[id] = new Device(id, reader.GetString(1), reader.GetString(2))
            {
                CardSystemId = reader.GetInt32(3),
                Events = events.TryGetValue(id, out var assigned) ? assigned : [],
                Site = sites.TryGetValue(id, out var site) ? site : DeviceSite.None,
                Retired = retiredAt is not null,
                RetiredAt = retiredAt,
                Loans = loans.TryGetValue(id, out var lent) ? lent : [],
            };
        }
        _configKeys = keys.ToFrozenDictionary(StringComparer.Ordinal);
        _domains = domains.ToFrozenDictionary(StringComparer.Ordinal);
        _devices = devices.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static int Seed(DbConnection connection, DbTransaction transaction, IEnumerable<DeviceSeed> seeds, long now)
    {
        var count = 0;
        foreach (var seed in seeds)
        {
            using var upsert = connection.CreateCommand();
            upsert.Transaction = transaction;
            upsert.CommandText = """
                INSERT INTO devices (id, kiosk_token, language, updated_at_ms) VALUES (@id, @token, @language, @now)
                ON CONFLICT (id) DO UPDATE SET kiosk_token = excluded.kiosk_token, language = excluded.language, updated_at_ms = excluded.updated_at_ms
                """;
            upsert.Bind("@id", seed.Id);
            upsert.Bind("@token", seed.KioskToken);
            upsert.Bind("@language", seed.Language);
            upsert.Bind("@now", now);
            count += upsert.ExecuteNonQuery();
            DeviceRows.WriteProfile(connection, transaction, seed.Id, seed.CardSystemId, seed.Events.Select(e => e.ToAssignment()));
            foreach (var assignment in seed.Events.Select(e => e.ToAssignment()).Where(a => a.Domain != Reports.PolicyDomain.Unknown))
            {
                // Configuration is authoritative at start: its domain replaces the stored one.
                DeviceRows.WriteDomain(connection, transaction, assignment.EventId, assignment.Domain, now);
            }
        }
        return count;
    }
}
