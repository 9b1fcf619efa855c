namespace Uitpas.Edge.Mfrc522Simulator;

/// <summary>Ways the chip itself can stop working.</summary>
public enum ChipHang
{
    None,
    /// <summary>The command engine freezes: no IRQ, no timer, registers still answer. A SoftReset (or NRSTPD) cures it.</summary>
    Stalled,
    /// <summary>The SPI interface is dead, MISO reads 00h, writes are lost. Only NRSTPD (or <see cref="FaultSettings.BusHangHealsAfterMs"/>) cures it.</summary>
    BusStuckLow,
    /// <summary>As <see cref="BusStuckLow"/> with MISO stuck at FFh.</summary>
    BusStuckHigh,
    /// <summary>A brown-out: every register silently returns to its reset value (antenna off); the chip keeps answering.</summary>
    SilentReset,
}

/// <summary>Probabilities of injected faults; all 0 by default. Rates are per frame on the air, per byte on the bus, per access for hangs.</summary>
public sealed record FaultSettings
{
    /// <summary>One bit of a card's answer flips; the chip sees the parity error (ParityErr).</summary>
    public double NoiseRate { get; init; }

    /// <summary>Two bits of one byte of a card's answer flip: parity still holds, only BCC/CRC_A/the select can tell.</summary>
    public double DoubleFlipRate { get; init; }

    /// <summary>An answer that carries CRC_A (SAK) arrives with a wrong CRC (parity intact).</summary>
    public double CrcErrorRate { get; init; }

    /// <summary>A card's answer stops early, at a random bit; the chip reports no error.</summary>
    public double TruncateRate { get; init; }

    /// <summary>The card is pulled out of the field as a SELECT reaches it; it comes back after <see cref="RemovalMs"/>.</summary>
    public double RemovalMidSelectRate { get; init; }
    public int RemovalMs { get; init; } = 40;

    /// <summary>One bit of an SPI byte (MOSI or MISO, address bytes included) flips.</summary>
    public double BusBitFlipRate { get; init; }

    /// <summary>Chance per register access that the chip hangs in one of <see cref="HangModes"/>.</summary>
    public double HangRate { get; init; }
    public ChipHang[] HangModes { get; init; } = [ChipHang.Stalled, ChipHang.BusStuckLow, ChipHang.BusStuckHigh, ChipHang.SilentReset];

    /// <summary>A bus hang ends by itself after this long (0: only NRSTPD ends it).</summary>
    public int BusHangHealsAfterMs { get; init; }

    public static FaultSettings None { get; } = new();
}

/// <summary>Counts what was injected (tests print them next to the seed).</summary>
public sealed class InjectedFaults
{
    public int Noise, DoubleFlips, CrcErrors, Truncations, Removals, BusBitFlips, Hangs;

    public override string ToString() =>
        $"noise {Noise}, double flips {DoubleFlips}, CRC errors {CrcErrors}, truncations {Truncations}, removals {Removals}, bus bit flips {BusBitFlips}, hangs {Hangs}";
}
