using Uitpas.Edge.Core.Reading;
using Uitpas.Edge.Core.Reading.Mfrc522;

namespace Uitpas.Edge.Mfrc522Simulator;

/// <summary>
/// The whole simulated reader: a field, the simulated MFRC522 on it, its NRSTPD line and the
/// driver (<see cref="Mfrc522CardReader"/>, the code of the firmware image) on top. The driver
/// talks to the chip through the SPI framing by default, as on the device.
/// </summary>
public sealed class SimulatedReader : ICardReader
{
    public SimulatedReader(Func<long> clockMs, Mfrc522Settings? settings = null, SimulatorOptions? options = null,
        bool withResetLine = true, bool throughSpiFraming = true)
    {
        Field = new RfField();
        Chip = new SimulatedMfrc522(Field, clockMs, options);
        Chip.Faults = Chip.Options.Faults;
        ResetLine = withResetLine ? new SimulatedResetLine(Chip) : null;
        IRegisterTransport transport = throughSpiFraming ? new SimulatedSpiTransport(Chip) : Chip;
        Driver = new Mfrc522CardReader(transport, settings ?? new Mfrc522Settings(), ResetLine);
    }

    public RfField Field { get; }
    public SimulatedMfrc522 Chip { get; }
    public SimulatedResetLine? ResetLine { get; }
    public Mfrc522CardReader Driver { get; }
    public ReaderHealth Health => Driver.Health;

    public byte[]? ReadCardInField(long nowMs) => Driver.ReadCardInField(nowMs);

    /// <summary>Puts a card on the reader (DESFire for 7-byte UIDs unless a profile is given).</summary>
    public VirtualCard Place(byte[] uid, CardProfile? profile = null) => Field.Place(uid, profile);

    public void RemoveAll() => Field.RemoveAll();
}
