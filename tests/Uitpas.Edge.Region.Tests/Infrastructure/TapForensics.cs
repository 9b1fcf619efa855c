using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Npgsql;
using Uitpas.Edge.Simulator;

namespace Uitpas.Edge.Region.Tests.Infrastructure;

/// <summary>
/// Keeps every line the agents of a region test write (all their runs) so that a failed
/// exactly-once check can tell a tap's story: its relay attempts, plan, credit and claim from the
/// shared PostgreSQL store, central's check-ins of its card, and the agents' lines about it and
/// its device's relay lease.
/// </summary>
public sealed class TapForensics
{
    private const int MaxLinesPerTap = 60;
    private readonly ConcurrentQueue<string> _lines = new();

    /// <summary>Records every line <paramref name="agent"/> writes, prefixed with its name.</summary>
    public void Watch(AgentProcess agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        agent.LineWritten += line => _lines.Enqueue(agent.Name + "#" + agent.Starts.ToString(CultureInfo.InvariantCulture) + " " + line);
    }

    /// <summary>How often the relay met a hard case (leases taken over or lost, lost answers, history consulted, failures), for the test's output.</summary>
    public string Summary()
    {
        var lines = _lines.ToArray();
        int Count(string text) => lines.Count(l => l.Contains(text, StringComparison.Ordinal));
        return $"relay: {Count("took over the relay")} lease takeovers, {Count("lost the relay lease")} leases lost, {Count("answer was lost")} answers lost, "
            + $"{Count("was in flight when")} calls interrupted, {Count("history shows it was counted")} counted from history, {Count("history shows it was not counted")} not counted, "
            + $"{Count("refused by central")} refused, {Count("failed unexpectedly")} lane failures, {Count("answer could not be stored")} answers not stored, "
            + $"{Count(" fail: ")} error lines" + ErrorKinds(lines);
    }

    /// <summary>The error lines grouped by what logged them (category and event id), each with its count and a first example.</summary>
    private static string ErrorKinds(string[] lines)
    {
        var kinds = lines
            .Select(l => l.IndexOf(" fail: ", StringComparison.Ordinal) is var at and >= 0 ? l[(at + 7)..] : null)
            .OfType<string>()
            .GroupBy(l => l.IndexOf(']', StringComparison.Ordinal) is var end and > 0 ? l[..(end + 1)] : l)
            .Select(g => $"{Environment.NewLine}  {g.Count()} × {g.First()[..Math.Min(g.First().Length, 400)]}");
        return string.Concat(kinds);
    }

    /// <summary>The taps that are not final and checked in; "" when there are none.</summary>
    public async Task<string> ExplainNotCheckedInAsync(string connectionString, CentralSimulator central, IReadOnlyList<StoredTapRow> stored, int most = 3)
    {
        ArgumentNullException.ThrowIfNull(central);
        ArgumentNullException.ThrowIfNull(stored);
        var suspects = stored.Where(r => r.RelayState != AgentStore.Done || r.Outcome != 1).Take(most).ToList();
        if (suspects.Count == 0)
        {
            return "";
        }
        var text = new StringBuilder();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var tap in suspects)
        {
            await ExplainAsync(connection, central, tap, text);
        }
        return text.ToString();
    }

    private async Task ExplainAsync(NpgsqlConnection connection, CentralSimulator central, StoredTapRow tap, StringBuilder text)
    {
        text.AppendLine().Append(CultureInfo.InvariantCulture, $"== tap {tap.DeviceId} {tap.Epoch}/{tap.Sequence}: state {tap.RelayState}, outcome {tap.Outcome}").AppendLine();
        long id = 0;
        var chip = "";
        await using (var select = new NpgsqlCommand("""
            SELECT t.id, encode(t.chip_uid, 'hex'), t.flags, t.tapped_at_ms, t.received_at_ms, t.completed_at_ms, t.attempts, t.reason,
                   r.route, r.event_id, r.credit, k.checkin_id, k.source
            FROM taps t LEFT JOIN tap_relay r ON r.tap_id = t.id LEFT JOIN central_claims k ON k.tap_id = t.id
            WHERE t.device_id = @device AND t.boot_epoch = @epoch AND t.sequence = @sequence
            """, connection))
        {
            select.Parameters.AddWithValue("device", tap.DeviceId);
            select.Parameters.AddWithValue("epoch", (long)tap.Epoch);
            select.Parameters.AddWithValue("sequence", (long)tap.Sequence);
            await using var reader = await select.ExecuteReaderAsync();
            if (await reader.ReadAsync())
            {
                id = reader.GetInt64(0);
                chip = reader.GetString(1);
                text.Append(CultureInfo.InvariantCulture,
                    $"   id {id}, flags {reader.GetValue(2)}, tapped {Ms(reader.GetValue(3))}, received {Ms(reader.GetValue(4))}, completed {Ms(reader.GetValue(5))}, "
                    + $"attempts {reader.GetValue(6)}, reason {reader.GetValue(7)}; route {reader.GetValue(8)}, event {reader.GetValue(9)}, credit {reader.GetValue(10)}, "
                    + $"claim {reader.GetValue(11)} ({reader.GetValue(12)})").AppendLine();
            }
        }
        await using (var attempts = new NpgsqlCommand(
            "SELECT attempt, started_at_ms, finished_at_ms, outcome, http_status, detail FROM relay_attempts WHERE tap_id = @id ORDER BY attempt", connection))
        {
            attempts.Parameters.AddWithValue("id", id);
            await using var reader = await attempts.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                text.Append(CultureInfo.InvariantCulture,
                    $"   attempt {reader.GetValue(0)}: {Ms(reader.GetValue(1))} – {Ms(reader.GetValue(2))} {reader.GetValue(3)} {reader.GetValue(4)} {reader.GetValue(5)}").AppendLine();
            }
        }
        foreach (var checkin in central.State.Checkins.Where(c => string.Equals(c.ChipNumber, chip, StringComparison.OrdinalIgnoreCase)))
        {
            text.Append(CultureInfo.InvariantCulture, $"   central: check-in {checkin.Id} at {checkin.CreatedAt:HH:mm:ss.fff} ({checkin.Channel}, event {checkin.EventId})").AppendLine();
        }
        var self = $"{tap.DeviceId} {tap.Epoch}/{tap.Sequence}";
        var device = $"device {tap.DeviceId}";
        var lines = _lines.Where(l => l.Contains(self, StringComparison.Ordinal) || l.Contains(device, StringComparison.Ordinal)).ToList();
        text.Append(CultureInfo.InvariantCulture, $"   {lines.Count} agent lines about it or its device's lease (last {MaxLinesPerTap}):").AppendLine();
        foreach (var line in lines.TakeLast(MaxLinesPerTap))
        {
            text.Append("   | ").AppendLine(line);
        }
        var errors = _lines.Where(l => l.Contains(" fail: ", StringComparison.Ordinal) || l.Contains(" crit: ", StringComparison.Ordinal)).ToList();
        text.Append(CultureInfo.InvariantCulture, $"   {errors.Count} error lines of the agents (last 10):").AppendLine();
        foreach (var line in errors.TakeLast(10))
        {
            text.Append("   ! ").AppendLine(line);
        }
    }

    private static string Ms(object value) =>
        value is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture) : "-";
}
