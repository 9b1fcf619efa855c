using System.Data.Common;
using Uitpas.Edge.Agent.Store;

namespace Uitpas.Edge.Agent.Devices;

/// <summary>
/// The registry's changes made by the admin API. Each runs as one piece of the store writer's
/// transaction, checks its preconditions against the tables inside it (so two instances sharing
/// PostgreSQL cannot both pass a check), and reloads the registry once committed, which raises
/// <see cref="Reloaded"/>.
/// </summary>
public sealed partial class DeviceRegistry
{
    /// <summary>Adds a device with its card system and config key; <see cref="DeviceChange.Exists"/> when the id is taken.</summary>
    public Task<DeviceChange> CreateAsync(Device device, byte[] configKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(configKey);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        return ChangeAsync((connection, transaction) =>
        {
            if (Exists(connection, transaction, device.Id))
            {
                return DeviceChange.Exists;
            }
            Sql.Command(connection, transaction, "INSERT INTO devices (id, kiosk_token, language, updated_at_ms) VALUES (@id, @token, @language, @now)")
                .Bind("@id", device.Id).Bind("@token", device.KioskToken).Bind("@language", device.Language).Bind("@now", now).RunOnce();
            DeviceRows.WriteProfile(connection, transaction, device.Id, device.CardSystemId, []);
            Sql.Command(connection, transaction, "INSERT INTO device_secrets (device_id, config_key, created_ms) VALUES (@id, @key, @now)")
                .Bind("@id", device.Id).Bind("@key", configKey).Bind("@now", now).RunOnce();
            return DeviceChange.Done;
        }, cancellationToken);
    }

    /// <summary>Removes a device made by <see cref="CreateAsync"/> whose credentials could not be written (nothing half-made stays).</summary>
    internal Task<DeviceChange> UndoCreateAsync(string deviceId, CancellationToken cancellationToken) =>
        ChangeAsync((connection, transaction) =>
        {
            foreach (var table in new[] { "device_secrets", "device_profiles", "device_sites", "device_events", "device_loans", "device_retirements" })
            {
                Sql.Command(connection, transaction, $"DELETE FROM {table} WHERE device_id = @id").Bind("@id", deviceId).RunOnce();
            }
            Sql.Command(connection, transaction, "DELETE FROM devices WHERE id = @id").Bind("@id", deviceId).RunOnce();
            return DeviceChange.Done;
        }, cancellationToken);

    /// <summary>Sets where the device is installed.</summary>
    public Task<DeviceChange> SetSiteAsync(string deviceId, DeviceSite site, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(site);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        return ChangeAsync((connection, transaction) => Check(connection, transaction, deviceId) ?? Ambiguous(connection, transaction, deviceId, site) ?? Write(() =>
            Sql.Command(connection, transaction, """
                INSERT INTO device_sites (device_id, region, municipality, venue, counter, organizer, updated_at_ms)
                VALUES (@id, @region, @municipality, @venue, @counter, @organizer, @now)
                ON CONFLICT (device_id) DO UPDATE SET region = excluded.region, municipality = excluded.municipality, venue = excluded.venue,
                    counter = excluded.counter, organizer = excluded.organizer, updated_at_ms = excluded.updated_at_ms
                """).Bind("@id", deviceId).Bind("@region", site.Region).Bind("@municipality", site.Municipality).Bind("@venue", site.Venue)
                .Bind("@counter", site.Counter).Bind("@organizer", site.Organizer).Bind("@now", now).RunOnce()), cancellationToken);
    }

    /// <summary>
    /// Config layers are named by scope and name (docs/operations.md "Pushing configuration"), so a
    /// venue name belongs to one municipality and a municipality name to one region: a site that
    /// would give a name a second parent is refused.
    /// </summary>
    private static DeviceChange? Ambiguous(DbConnection connection, DbTransaction transaction, string deviceId, DeviceSite site)
    {
        var venue = site.Venue.Length == 0 ? null : Sql.Command(connection, transaction,
                "SELECT 1 FROM device_sites WHERE venue = @venue AND municipality <> @municipality AND device_id <> @id")
            .Bind("@venue", site.Venue).Bind("@municipality", site.Municipality).Bind("@id", deviceId).ScalarOnce();
        var municipality = site.Municipality.Length == 0 ? null : Sql.Command(connection, transaction,
                "SELECT 1 FROM device_sites WHERE municipality = @municipality AND region <> @region AND device_id <> @id")
            .Bind("@municipality", site.Municipality).Bind("@region", site.Region).Bind("@id", deviceId).ScalarOnce();
        return venue is not null || municipality is not null ? DeviceChange.AmbiguousSite : null;
    }

    /// <summary>
    /// Assigns the device to an event; <see cref="DeviceChange.Overlaps"/> when another assignment shares an instant.
    /// A domain given with it is stored for the event id; <see cref="DeviceChange.DomainConflict"/> when the event has another one.
    /// </summary>
    public Task<DeviceChange> AddEventAsync(string deviceId, EventAssignment assignment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        return ChangeAsync((connection, transaction) =>
        {
            if (Check(connection, transaction, deviceId) is { } refused)
            {
                return refused;
            }
            var count = Convert.ToInt64(Sql.Command(connection, transaction, "SELECT COUNT(*) FROM device_events WHERE device_id = @id")
                .Bind("@id", deviceId).ScalarOnce(), System.Globalization.CultureInfo.InvariantCulture);
            if (count >= DeviceSeedOptionsValidator.MaxEvents)
            {
                return DeviceChange.TooManyEvents;
            }
            var overlapping = Sql.Command(connection, transaction, "SELECT 1 FROM device_events WHERE device_id = @id AND from_ms < @until AND until_ms > @from")
                .Bind("@id", deviceId).Bind("@from", assignment.From.ToUnixTimeMilliseconds()).Bind("@until", assignment.Until.ToUnixTimeMilliseconds()).ScalarOnce();
            if (overlapping is not null)
            {
                return DeviceChange.Overlaps;
            }
            if (assignment.Domain != Reports.PolicyDomain.Unknown)
            {
                var stored = DeviceRows.DomainIn(connection, transaction, assignment.EventId);
                if (stored != Reports.PolicyDomain.Unknown && stored != assignment.Domain)
                {
                    return DeviceChange.DomainConflict;
                }
                DeviceRows.WriteDomain(connection, transaction, assignment.EventId, assignment.Domain, now);
            }
            DeviceRows.InsertAssignment(connection, transaction, deviceId, assignment);
            return DeviceChange.Done;
        }, cancellationToken);
    }

    /// <summary>
    /// Removes every assignment of the device to <paramref name="eventId"/>; once no device is assigned to the
    /// event any more, its domain goes too (so a wrong domain can be corrected: facts keep the one they froze).
    /// </summary>
    public Task<DeviceChange> RemoveEventAsync(string deviceId, string eventId, CancellationToken cancellationToken) =>
        ChangeAsync((connection, transaction) =>
        {
            if (Check(connection, transaction, deviceId) is { } refused)
            {
                return refused;
            }
            var removed = Sql.Command(connection, transaction, "DELETE FROM device_events WHERE device_id = @id AND event_id = @event")
                .Bind("@id", deviceId).Bind("@event", eventId).RunOnce();
            if (removed == 0)
            {
                return DeviceChange.NoSuchEvent;
            }
            Sql.Command(connection, transaction, "DELETE FROM event_domains WHERE event_id = @event AND NOT EXISTS (SELECT 1 FROM device_events WHERE event_id = @event)")
                .Bind("@event", eventId).RunOnce();
            return DeviceChange.Done;
        }, cancellationToken);

    /// <summary>Lends the device; <see cref="DeviceChange.LoanOpen"/> while another loan is not returned.</summary>
    public Task<DeviceChange> LendAsync(string deviceId, DeviceLoan loan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(loan);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        return ChangeAsync((connection, transaction) =>
        {
            if (Check(connection, transaction, deviceId) is { } refused)
            {
                return refused;
            }
            if (OpenLoanId(connection, transaction, deviceId) is not null)
            {
                return DeviceChange.LoanOpen;
            }
            Sql.Command(connection, transaction, """
                INSERT INTO device_loans (loan_id, device_id, association, from_ms, until_ms, created_ms, note)
                VALUES (@loan, @id, @association, @from, @until, @now, '')
                """).Bind("@loan", loan.LoanId).Bind("@id", deviceId).Bind("@association", loan.Association)
                .Bind("@from", loan.From.ToUnixTimeMilliseconds()).Bind("@until", loan.Until.ToUnixTimeMilliseconds()).Bind("@now", now).RunOnce();
            return DeviceChange.Done;
        }, cancellationToken);
    }

    /// <summary>Records the return check of the open loan (condition ok, damaged or incomplete).</summary>
    public Task<DeviceChange> ReturnAsync(string deviceId, string condition, string note, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        return ChangeAsync((connection, transaction) =>
        {
            if (!Exists(connection, transaction, deviceId))
            {
                return DeviceChange.NotFound;
            }
            if (OpenLoanId(connection, transaction, deviceId) is not { } loanId)
            {
                return DeviceChange.NoOpenLoan;
            }
            Sql.Command(connection, transaction, "UPDATE device_loans SET returned_at_ms = @now, return_condition = @condition, note = @note WHERE loan_id = @loan")
                .Bind("@now", now).Bind("@condition", condition).Bind("@note", note).Bind("@loan", loanId).RunOnce();
            return DeviceChange.Done;
        }, cancellationToken);
    }

    /// <summary>Retires the device: marked retired, its config key deleted; assignments, loans and taps stay as history.</summary>
    public Task<DeviceChange> RetireAsync(string deviceId, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        return ChangeAsync((connection, transaction) => Check(connection, transaction, deviceId) ?? Write(() =>
        {
            Sql.Command(connection, transaction, "INSERT INTO device_retirements (device_id, retired_at_ms) VALUES (@id, @now)")
                .Bind("@id", deviceId).Bind("@now", now).RunOnce();
            Sql.Command(connection, transaction, "DELETE FROM device_secrets WHERE device_id = @id").Bind("@id", deviceId).RunOnce();
        }), cancellationToken);
    }

    private async Task<DeviceChange> ChangeAsync(Func<DbConnection, DbTransaction, DeviceChange> change, CancellationToken cancellationToken)
    {
        var result = await _writer.ExecuteAsync(change, cancellationToken).ConfigureAwait(false);
        if (result == DeviceChange.Done)
        {
            await ReloadAsync(CancellationToken.None).ConfigureAwait(false);
        }
        return result;
    }

    private static DeviceChange Write(Action write)
    {
        write();
        return DeviceChange.Done;
    }

    /// <summary>Null when the device exists and is in service, otherwise why it cannot change.</summary>
    private static DeviceChange? Check(DbConnection connection, DbTransaction transaction, string deviceId)
    {
        if (!Exists(connection, transaction, deviceId))
        {
            return DeviceChange.NotFound;
        }
        var retired = Sql.Command(connection, transaction, "SELECT 1 FROM device_retirements WHERE device_id = @id").Bind("@id", deviceId).ScalarOnce();
        return retired is null ? null : DeviceChange.Retired;
    }

    private static bool Exists(DbConnection connection, DbTransaction transaction, string deviceId) =>
        Sql.Command(connection, transaction, "SELECT 1 FROM devices WHERE id = @id").Bind("@id", deviceId).ScalarOnce() is not null;

    private static string? OpenLoanId(DbConnection connection, DbTransaction transaction, string deviceId) =>
        Sql.Command(connection, transaction, "SELECT loan_id FROM device_loans WHERE device_id = @id AND returned_at_ms IS NULL")
            .Bind("@id", deviceId).ScalarOnce() as string;
}

/// <summary>Runs a command made for one use and disposes it.</summary>
internal static class OneShotCommands
{
    public static int RunOnce(this DbCommand command)
    {
        using (command)
        {
            return command.ExecuteNonQuery();
        }
    }

    public static object? ScalarOnce(this DbCommand command)
    {
        using (command)
        {
            return command.ExecuteScalar();
        }
    }
}
