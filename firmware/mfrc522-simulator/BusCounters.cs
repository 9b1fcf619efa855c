namespace Uitpas.Edge.Mfrc522Simulator;

/// <summary>What crossed the bus and the air, as the chip saw it. Snapshots give per-tap figures.</summary>
public sealed class BusCounters
{
    public long RegisterReads { get; internal set; }
    public long RegisterWrites { get; internal set; }
    public long FifoReadBursts { get; internal set; }
    public long FifoWriteBursts { get; internal set; }
    public long FifoBytesRead { get; internal set; }
    public long FifoBytesWritten { get; internal set; }
    public long SpiBytes { get; internal set; }
    public long Frames { get; internal set; }
    public long AirNanos { get; internal set; }
    public long BusNanos { get; internal set; }
    public long[] ReadsByRegister { get; } = new long[64];

    /// <summary>Register accesses: single reads and writes plus FIFO bursts (one transaction each).</summary>
    public long Accesses => RegisterReads + RegisterWrites + FifoReadBursts + FifoWriteBursts;

    public BusSnapshot Snapshot() => new(Accesses, SpiBytes, RegisterReads, RegisterWrites, FifoReadBursts + FifoWriteBursts,
        ReadsByRegister[0x04], Frames, AirNanos, BusNanos);
}

/// <summary>Counter values at one moment; subtract two to get the cost of what happened in between.</summary>
public readonly record struct BusSnapshot(long Accesses, long SpiBytes, long Reads, long Writes, long Bursts, long StatusReads, long Frames, long AirNanos, long BusNanos)
{
    public static BusSnapshot operator +(BusSnapshot a, BusSnapshot b) => new(a.Accesses + b.Accesses, a.SpiBytes + b.SpiBytes,
        a.Reads + b.Reads, a.Writes + b.Writes, a.Bursts + b.Bursts, a.StatusReads + b.StatusReads, a.Frames + b.Frames,
        a.AirNanos + b.AirNanos, a.BusNanos + b.BusNanos);

    public static BusSnapshot operator -(BusSnapshot a, BusSnapshot b) => new(a.Accesses - b.Accesses, a.SpiBytes - b.SpiBytes,
        a.Reads - b.Reads, a.Writes - b.Writes, a.Bursts - b.Bursts, a.StatusReads - b.StatusReads, a.Frames - b.Frames,
        a.AirNanos - b.AirNanos, a.BusNanos - b.BusNanos);
}
