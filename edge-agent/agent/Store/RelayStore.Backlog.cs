namespace Uitpas.Edge.Agent.Store;

public sealed partial class RelayStore
{
    /// <summary>Taps of all devices not relayed to a final answer yet (pending, in flight, unknown): the backlog the store cap counts.</summary>
    public long CountUnrelayed()
    {
        using var connection = _database.Open();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT COUNT(*) FROM taps WHERE relay_state <> 2";
        return Convert.ToInt64(select.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The stored tap (device, boot epoch, sequence), or null: lets a resent tap be answered without writing.</summary>
    public StoredTap? FindTap(string deviceId, uint bootEpoch, uint sequence)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        using var connection = _database.Open();
        using var select = connection.CreateCommand();
        select.CommandText = $"SELECT {TapRows.Columns} FROM taps WHERE device_id = @device AND boot_epoch = @epoch AND sequence = @sequence";
        select.Bind("@device", deviceId);
        select.Bind("@epoch", (long)bootEpoch);
        select.Bind("@sequence", (long)sequence);
        using var reader = select.ExecuteReader();
        return reader.Read() ? TapRows.Read(reader) : null;
    }
}
