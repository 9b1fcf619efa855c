using System.Collections.Frozen;
using System.Data.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Uitpas.Edge.Agent.Store;

namespace Uitpas.Edge.Agent.Devices;

/// <summary>
/// The terminals the agent serves, kept in the devices table (with their card system and event
/// assignments beside it). At start the devices configured under "Agent:Devices" are added or
/// updated there, their assignments replaced (others are left alone: the IT workgroup's CLI
/// will manage the table); lookups are served from an in-memory snapshot that
/// <see cref="ReloadAsync"/> refreshes.
/// </summary>
public sealed class DeviceRegistry : IHostedService
{
    private readonly StoreWriter _writer;
    private readonly AgentDatabase _database;
    private readonly IOptions<DeviceSeedOptions> _seeds;
    private readonly TimeProvider _time;
    private readonly ILogger<DeviceRegistry> _logger;
    private volatile FrozenDictionary<string, Device> _devices = FrozenDictionary<string, Device>.Empty;

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

    /// <summary>Raised after the registry was (re)loaded, so snapshot builders can follow assignment changes.</summary>
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
        using var connection = _database.Open();
        var events = DeviceRows.ReadAssignments(connection);
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
            devices[id] = new Device(id, reader.GetString(1), reader.GetString(2))
            {
                CardSystemId = reader.GetInt32(3),
                Events = events.TryGetValue(id, out var assigned) ? assigned : [],
            };
        }
        _devices = devices.ToFrozenDictionary(StringComparer.Ordinal);
        Reloaded?.Invoke(this, EventArgs.Empty);
        return Task.CompletedTask;
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
        }
        return count;
    }
}
