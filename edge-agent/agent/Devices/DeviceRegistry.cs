using System.Collections.Frozen;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Uitpas.Edge.Agent.Store;

namespace Uitpas.Edge.Agent.Devices;

/// <summary>
/// The terminals the agent serves, kept in the devices table. At start the devices configured
/// under "Agent:Devices" are added or updated there (others are left alone: the IT workgroup's
/// CLI will manage the table); lookups are served from an in-memory snapshot that
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

    /// <summary>Finds a registered device.</summary>
    public bool TryGet(string deviceId, out Device device)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        return _devices.TryGetValue(deviceId, out device!);
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

    /// <summary>Reads the devices table again (after another process changed it).</summary>
    public Task ReloadAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = _database.Open();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT id, kiosk_token, language FROM devices";
        using var reader = select.ExecuteReader();
        var devices = new Dictionary<string, Device>(StringComparer.Ordinal);
        while (reader.Read())
        {
            var device = new Device(reader.GetString(0), reader.GetString(1), reader.GetString(2));
            devices[device.Id] = device;
        }
        _devices = devices.ToFrozenDictionary(StringComparer.Ordinal);
        return Task.CompletedTask;
    }

    private static int Seed(SqliteConnection connection, SqliteTransaction transaction, IEnumerable<DeviceSeed> seeds, long now)
    {
        var count = 0;
        foreach (var seed in seeds)
        {
            using var upsert = connection.CreateCommand();
            upsert.Transaction = transaction;
            upsert.CommandText = """
                INSERT INTO devices (id, kiosk_token, language, updated_at_ms) VALUES ($id, $token, $language, $now)
                ON CONFLICT (id) DO UPDATE SET kiosk_token = excluded.kiosk_token, language = excluded.language, updated_at_ms = excluded.updated_at_ms
                """;
            upsert.Parameters.AddWithValue("$id", seed.Id);
            upsert.Parameters.AddWithValue("$token", seed.KioskToken);
            upsert.Parameters.AddWithValue("$language", seed.Language);
            upsert.Parameters.AddWithValue("$now", now);
            count += upsert.ExecuteNonQuery();
        }
        return count;
    }
}
