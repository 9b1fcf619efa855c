using System.Data.Common;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Agent.Store;

/// <summary>Reading <see cref="StoredTap"/> rows; the column list and the reader stay together.</summary>
internal static class TapRows
{
    public const string Columns =
        "id, device_id, boot_epoch, sequence, chip_uid, tapped_at_ms, flags, relay_state, attempts, " +
        "next_attempt_at_ms, queued_notified, outcome, points_added, total_points, reason, message";

    public static StoredTap Read(DbDataReader reader)
    {
        var epoch = (uint)reader.GetInt64(2);
        var sequence = (uint)reader.GetInt64(3);
        var state = (RelayState)reader.GetInt32(7);
        TapResult? result = null;
        if (state == RelayState.Done && !reader.IsDBNull(11))
        {
            result = new TapResult(epoch, sequence, (TapOutcome)reader.GetInt32(11),
                reader.IsDBNull(12) ? 0 : reader.GetInt32(12),
                reader.IsDBNull(13) ? -1 : reader.GetInt32(13),
                reader.IsDBNull(14) ? string.Empty : reader.GetString(14),
                reader.IsDBNull(15) ? string.Empty : reader.GetString(15));
        }
        return new StoredTap(
            reader.GetInt64(0),
            reader.GetString(1),
            epoch,
            sequence,
            (byte[])reader.GetValue(4),
            reader.GetInt64(5),
            (byte)reader.GetInt32(6),
            state,
            reader.GetInt32(8),
            reader.GetInt64(9),
            reader.GetInt64(10) != 0,
            result);
    }
}
