namespace Uitpas.Edge.Mfrc522Simulator;

/// <summary>The simulated chip and bus. Time on the bus advances per access: the overhead plus 8 bits per byte at the SPI clock.</summary>
public sealed record SimulatorOptions
{
    /// <summary>VersionReg: 91h (v1.0), 92h (v2.0); clones answer 88h, 12h, B2h, ...</summary>
    public byte Version { get; init; } = 0x92;

    public int SpiClockHz { get; init; } = 10_000_000;

    /// <summary>Host time per SPI transaction beyond the clocked bits (chip select, driver, managed code).</summary>
    public double AccessOverheadMicros { get; init; } = 10;

    /// <summary>Time from SoftReset or NRSTPD release until CommandReg PowerDown reads 0 (oscillator start-up).</summary>
    public int WakeUpMicros { get; init; } = 50;

    public FaultSettings Faults { get; init; } = FaultSettings.None;

    /// <summary>Seeds every random choice of the simulator (faults, GenerateRandomID).</summary>
    public int Seed { get; init; } = 1;
}
