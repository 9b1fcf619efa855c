using System.Data.Common;

namespace Uitpas.Edge.Agent.Store;

/// <summary>What <see cref="RelayStore.AcquireLeaseAsync"/> did: acquired or not; the taps the previous holder left in flight, now Unknown.</summary>
public sealed record LeaseAcquisition(bool Acquired, string? PreviousOwner, IReadOnlyList<StoredTap> Released);

/// <summary>This instance does not hold the device's relay lease (any more): another instance relays it; nothing was written.</summary>
public sealed class LeaseLostException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public LeaseLostException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public LeaseLostException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public LeaseLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Relay leases (table relay_leases): one instance at a time relays a device's taps, in order. A
/// lease names its owner (Agent:InstanceId) and expires Agent:Store:RelayLease after its last
/// renewal; it is taken atomically (an upsert that only succeeds when the row is absent, ours, or
/// expired), renewed while the lane runs and by every fenced write, and released when the lane
/// has nothing left. Fencing: marking a tap in flight, storing an answer or deferring a tap
/// succeed only in a transaction that also renews this instance's lease (the row is locked until
/// commit, so a takeover cannot slip in between). Whoever takes a lease first turns the taps the
/// previous holder left in flight into Unknown: they are reconciled with central's history, never
/// simply sent again. Times are the agent's clock in Unix ms; the lease is much longer than one
/// call to central and than the clock difference between instances.
/// </summary>
public sealed partial class RelayStore
{
    /// <summary>This instance's name, the owner of its leases.</summary>
    public string InstanceId => _instanceId;

    /// <summary>How long a lease lasts without renewal.</summary>
    public TimeSpan LeaseDuration => TimeSpan.FromMilliseconds(_leaseMs);

    /// <summary>
    /// Takes (or renews) the device's lease for this instance, unless another instance holds it
    /// and it has not expired. When taken, the device's taps left in flight (by an instance that
    /// stopped, or crashed and let the lease expire, or this instance in an earlier life) become
    /// Unknown in the same transaction.
    /// </summary>
    public Task<LeaseAcquisition> AcquireLeaseAsync(string deviceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        var now = NowMs();
        return _writer.ExecuteAsync((connection, transaction) =>
        {
            string? previous = null;
            using (var select = Command(connection, transaction, "SELECT owner FROM relay_leases WHERE device_id = @device"))
            {
                select.Bind("@device", deviceId);
                previous = select.ExecuteScalar() as string;
            }
            using (var upsert = Command(connection, transaction, """
                INSERT INTO relay_leases (device_id, owner, expires_at_ms) VALUES (@device, @owner, @expires)
                ON CONFLICT (device_id) DO UPDATE SET owner = excluded.owner, expires_at_ms = excluded.expires_at_ms
                WHERE relay_leases.owner = excluded.owner OR relay_leases.expires_at_ms <= @now
                """))
            {
                upsert.Bind("@device", deviceId).Bind("@owner", _instanceId).Bind("@expires", now + _leaseMs).Bind("@now", now);
                if (upsert.ExecuteNonQuery() != 1)
                {
                    return new LeaseAcquisition(false, previous, []);
                }
            }
            var released = ReleaseInFlight(connection, transaction, "AND device_id = @device", command => command.Bind("@device", deviceId), now);
            return new LeaseAcquisition(true, previous, released);
        }, cancellationToken);
    }

    /// <summary>Extends this instance's lease on the device; false when another instance took it over (or it was released).</summary>
    public Task<bool> RenewLeaseAsync(string deviceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        var now = NowMs();
        return _writer.ExecuteAsync((connection, transaction) =>
        {
            using var renew = Command(connection, transaction, "UPDATE relay_leases SET expires_at_ms = @expires WHERE device_id = @device AND owner = @owner");
            renew.Bind("@expires", now + _leaseMs).Bind("@device", deviceId).Bind("@owner", _instanceId);
            return renew.ExecuteNonQuery() == 1;
        }, cancellationToken);
    }

    /// <summary>
    /// Gives the device's lease up so another instance may relay its next taps at once, unless one
    /// of its taps is still in flight (a call this instance started, maybe still on its way): then
    /// the lease is kept until it expires, so nobody reconciles that tap before the call is over.
    /// </summary>
    public Task<bool> ReleaseLeaseAsync(string deviceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        return _writer.ExecuteAsync((connection, transaction) =>
        {
            using var release = Command(connection, transaction, """
                DELETE FROM relay_leases WHERE device_id = @device AND owner = @owner
                AND NOT EXISTS (SELECT 1 FROM taps WHERE device_id = @device AND relay_state = 1)
                """);
            release.Bind("@device", deviceId).Bind("@owner", _instanceId);
            return release.ExecuteNonQuery() == 1;
        }, cancellationToken);
    }

    /// <summary>Devices with unrelayed taps that no other live instance relays: this instance may take them (taps another instance stored, or a dead instance's).</summary>
    public IReadOnlyList<string> DevicesToRelay()
    {
        using var connection = _database.Open();
        using var select = Command(connection, null, """
            SELECT DISTINCT t.device_id FROM taps t
            WHERE t.relay_state <> 2 AND NOT EXISTS (
                SELECT 1 FROM relay_leases l WHERE l.device_id = t.device_id AND l.owner <> @owner AND l.expires_at_ms > @now)
            """);
        select.Bind("@owner", _instanceId).Bind("@now", NowMs());
        using var reader = select.ExecuteReader();
        var devices = new List<string>();
        while (reader.Read())
        {
            devices.Add(reader.GetString(0));
        }
        return devices;
    }

    /// <summary>The fence of a tap's state change: renews this instance's lease on the tap's device, or throws <see cref="LeaseLostException"/>.</summary>
    private void Fence(DbConnection connection, DbTransaction transaction, long tapId, long now)
    {
        using var renew = Command(connection, transaction, """
            UPDATE relay_leases SET expires_at_ms = @expires
            WHERE owner = @owner AND device_id = (SELECT device_id FROM taps WHERE id = @id)
            """);
        renew.Bind("@expires", now + _leaseMs).Bind("@owner", _instanceId).Bind("@id", tapId);
        if (renew.ExecuteNonQuery() != 1)
        {
            throw new LeaseLostException($"Instance {_instanceId} does not hold the relay lease of tap {tapId}'s device.");
        }
    }
}
