using Uitpas.Edge.Core.Reading;
using Uitpas.Edge.Core.Reading.Mfrc522;
using Uitpas.Edge.Mfrc522Simulator;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.VirtualTerminal.Reader;

/// <summary>
/// The virtual terminal's card reader: always the firmware's MFRC522 driver
/// (<see cref="Mfrc522CardReader"/>), over a simulated chip with virtual cards, or over a real
/// RC522 on SPI. Cards are placed and removed only on the simulated one.
/// </summary>
public sealed class TerminalReader : ICardReader, IDisposable
{
    private readonly SimulatedReader? _simulated;
    private readonly IDisposable? _hardware;

    private TerminalReader(Mfrc522CardReader driver, SimulatedReader? simulated, IDisposable? hardware)
    {
        Driver = driver;
        _simulated = simulated;
        _hardware = hardware;
    }

    public Mfrc522CardReader Driver { get; }
    public ReaderHealth Health => Driver.Health;
    public bool IsSimulated => _simulated is not null;

    public static TerminalReader Open(ReaderSpec spec, Func<long> clockMs)
    {
        var settings = new Mfrc522Settings { SpiClockHz = spec.ClockHz };
        if (spec.Simulated)
        {
            var simulated = new SimulatedReader(clockMs, settings);
            return new TerminalReader(simulated.Driver, simulated, null);
        }
        var transport = new SpiDeviceRegisterTransport(spec.SpiBus, spec.ChipSelect, spec.ClockHz);
        var reset = spec.ResetPin is { } pin ? new GpioResetLine(pin) : null;
        var driver = new Mfrc522CardReader(transport, settings, reset);
        return new TerminalReader(driver, null, new Owned(transport, reset));
    }

    public byte[]? ReadCardInField(long nowMs) => Driver.ReadCardInField(nowMs);

    /// <summary>Puts a virtual card with this UID on the simulated reader (the only card there).</summary>
    public void Place(byte[] uid)
    {
        var simulated = _simulated ?? throw new InvalidOperationException("this terminal reads a real RC522: tap a real card");
        lock (simulated.Field.SyncRoot)
        {
            simulated.RemoveAll();
            simulated.Place(uid);
        }
    }

    public void Remove()
    {
        var simulated = _simulated ?? throw new InvalidOperationException("this terminal reads a real RC522: take the card away");
        simulated.RemoveAll();
    }

    public void Dispose() => _hardware?.Dispose();

    private sealed class Owned(IDisposable transport, IDisposable? reset) : IDisposable
    {
        public void Dispose()
        {
            transport.Dispose();
            reset?.Dispose();
        }
    }
}
