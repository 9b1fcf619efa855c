using System.Data.Common;
using Uitpas.Edge.Agent.Store;
using Uitpas.Edge.Protocol.Config;

namespace Uitpas.Edge.Agent.Configuration;

/// <summary>The tables config_layers and config_twins (both providers: @name parameters, ON CONFLICT).</summary>
internal sealed class ConfigStore
{
    private const string TwinColumns = """
        device_id, desired_version, desired_settings, document, issued_at_ms, report_version, report_result, report_applied,
        report_at_ms, refusal_version, refusal_reason, refusal_detail, refusal_at_ms, received_at_ms
        """;

    private readonly StoreWriter _writer;
    private readonly AgentDatabase _database;

    public ConfigStore(StoreWriter writer, AgentDatabase database)
    {
        _writer = writer;
        _database = database;
    }

    /// <summary>Every layer row: scope, scope id, setting, value.</summary>
    public IReadOnlyList<(string Scope, string ScopeId, string Setting, string Value)> LoadLayers()
    {
        using var connection = _database.Open();
        using var command = Sql.Command(connection, null, "SELECT scope, scope_id, setting, value FROM config_layers");
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string, string, string)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }
        return rows;
    }

    /// <summary>Sets (value) or removes (null) settings of one layer in one transaction; completes after the commit.</summary>
    public Task SaveLayerAsync(string scope, string scopeId, IReadOnlyDictionary<string, string?> changes, long nowMs, CancellationToken cancellationToken) =>
        _writer.ExecuteAsync((connection, transaction) =>
        {
            foreach (var (setting, value) in changes)
            {
                using var command = value is null
                    ? Sql.Command(connection, transaction, "DELETE FROM config_layers WHERE scope = @scope AND scope_id = @id AND setting = @setting")
                    : Sql.Command(connection, transaction, """
                        INSERT INTO config_layers (scope, scope_id, setting, value, updated_at_ms) VALUES (@scope, @id, @setting, @value, @now)
                        ON CONFLICT (scope, scope_id, setting) DO UPDATE SET value = excluded.value, updated_at_ms = excluded.updated_at_ms
                        """).Bind("@value", value).Bind("@now", nowMs);
                command.Bind("@scope", scope).Bind("@id", scopeId).Bind("@setting", setting).ExecuteNonQuery();
            }
            return changes.Count;
        }, cancellationToken);

    /// <summary>Every stored twin.</summary>
    public IReadOnlyList<ConfigTwin> LoadTwins()
    {
        using var connection = _database.Open();
        using var command = Sql.Command(connection, null, $"SELECT {TwinColumns} FROM config_twins");
        using DbDataReader reader = command.ExecuteReader();
        var twins = new List<ConfigTwin>();
        while (reader.Read())
        {
            var twin = new ConfigTwin(reader.GetString(0), (uint)reader.GetInt64(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : (byte[])reader.GetValue(3), reader.GetInt64(4));
            var result = reader.GetString(6);
            if (result.Length > 0)
            {
                var version = (uint)reader.GetInt64(5);
                var applied = (uint)reader.GetInt64(7);
                var at = reader.GetInt64(8);
                twin = twin with
                {
                    Report = result == ConfigReport.RefusedResult
                        ? ConfigReport.ForRefused(version, applied, reader.GetString(10), reader.GetString(11), at)
                        : new ConfigReport(version, ConfigReport.AppliedResult, applied, null, null, at),
                    ReceivedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(13)),
                };
            }
            var refusalReason = reader.GetString(10);
            if (refusalReason.Length > 0)
            {
                var refusalAt = reader.GetInt64(12);
                twin = twin with
                {
                    Refusal = new ConfigRefusalInfo((uint)reader.GetInt64(9), refusalReason, reader.GetString(11),
                        refusalAt > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(refusalAt) : null),
                };
            }
            twins.Add(twin);
        }
        return twins;
    }

    /// <summary>Replaces the twin's row; completes after the commit.</summary>
    public Task SaveAsync(ConfigTwin twin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(twin);
        return SaveAllAsync([twin], cancellationToken);
    }

    /// <summary>Replaces the twins' rows in one transaction; completes after the commit.</summary>
    public Task SaveAllAsync(IReadOnlyList<ConfigTwin> twins, CancellationToken cancellationToken) =>
        _writer.ExecuteAsync((connection, transaction) => twins.Sum(twin => Write(connection, transaction, twin)), cancellationToken);

    private static int Write(DbConnection connection, DbTransaction transaction, ConfigTwin twin)
    {
        using var command = Sql.Command(connection, transaction, $"""
            INSERT INTO config_twins ({TwinColumns})
            VALUES (@device, @desired, @settings, @document, @issued, @rversion, @rresult, @rapplied, @rat, @fversion, @freason, @fdetail, @fat, @received)
            ON CONFLICT (device_id) DO UPDATE SET desired_version = excluded.desired_version, desired_settings = excluded.desired_settings,
                document = excluded.document, issued_at_ms = excluded.issued_at_ms, report_version = excluded.report_version,
                report_result = excluded.report_result, report_applied = excluded.report_applied, report_at_ms = excluded.report_at_ms,
                refusal_version = excluded.refusal_version, refusal_reason = excluded.refusal_reason, refusal_detail = excluded.refusal_detail,
                refusal_at_ms = excluded.refusal_at_ms, received_at_ms = excluded.received_at_ms
            """);
        var report = twin.Report;
        var refusal = twin.Refusal;
        // A null document binds as a typed BLOB/BYTEA null (PostgreSQL refuses a text null there).
        command.Bind("@device", twin.DeviceId).Bind("@desired", (long)twin.DesiredVersion).Bind("@settings", twin.DesiredSettings)
            .Bind("@document", twin.Document!).Bind("@issued", twin.IssuedAtMs)
            .Bind("@rversion", (long)(report?.Version ?? 0)).Bind("@rresult", report?.Result ?? "")
            .Bind("@rapplied", (long)(report?.Applied ?? 0)).Bind("@rat", report?.AtUnixMs ?? 0)
            .Bind("@fversion", (long)(refusal?.Version ?? 0)).Bind("@freason", refusal?.Reason ?? "").Bind("@fdetail", refusal?.Detail ?? "")
            .Bind("@fat", refusal?.At?.ToUnixTimeMilliseconds() ?? 0L).Bind("@received", twin.ReceivedAt?.ToUnixTimeMilliseconds() ?? 0L);
        return command.ExecuteNonQuery();
    }
}
