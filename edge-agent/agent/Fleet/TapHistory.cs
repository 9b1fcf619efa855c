using Uitpas.Edge.Agent.Api;
using Uitpas.Edge.Agent.Store;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Agent.Fleet;

/// <summary>A terminal's last taps for the fleet view: time and outcome only, never the chip or the passholder.</summary>
public sealed class TapHistory
{
    /// <summary>Taps shown per terminal.</summary>
    public const int Recent = 20;

    private readonly AgentDatabase _database;

    public TapHistory(AgentDatabase database) => _database = database;

    /// <summary>The last <see cref="Recent"/> taps of <paramref name="deviceId"/>, newest first.</summary>
    public IReadOnlyList<TapView> RecentOf(string deviceId)
    {
        using var connection = _database.Open();
        using var select = Sql.Command(connection, null, $"""
            SELECT tapped_at_ms, received_at_ms, outcome FROM taps WHERE device_id = @id
            ORDER BY received_at_ms DESC, id DESC LIMIT {Recent}
            """).Bind("@id", deviceId);
        using var reader = select.ExecuteReader();
        var taps = new List<TapView>();
        while (reader.Read())
        {
            var tapped = reader.GetInt64(0);
            var at = DateTimeOffset.FromUnixTimeMilliseconds(tapped > 0 ? tapped : reader.GetInt64(1));
            taps.Add(new TapView(at, reader.IsDBNull(2) ? "pending" : OutcomeName((TapOutcome)reader.GetInt32(2))));
        }
        return taps;
    }

    /// <summary>checked-in, refused, queued, rejected.</summary>
    public static string OutcomeName(TapOutcome outcome) => outcome switch
    {
        TapOutcome.CheckedIn => "checked-in",
        TapOutcome.Refused => "refused",
        TapOutcome.Queued => "queued",
        TapOutcome.Rejected => "rejected",
        _ => "unknown",
    };
}
