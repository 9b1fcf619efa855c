using Uitpas.Edge.Core.Reading.Mfrc522;
using Uitpas.Edge.Mfrc522Simulator;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Mfrc522.Tests;

/// <summary>A simulated reader with a hand-driven clock, polled like the terminal's loop.</summary>
internal sealed class Rig
{
    private long _nowMs;

    public Rig(Mfrc522Settings? settings = null, SimulatorOptions? options = null, bool withResetLine = true, bool throughSpiFraming = true)
    {
        Reader = new SimulatedReader(() => _nowMs, settings, options, withResetLine, throughSpiFraming);
    }

    public SimulatedReader Reader { get; }
    public SimulatedMfrc522 Chip => Reader.Chip;
    public Mfrc522CardReader Driver => Reader.Driver;
    public long NowMs => _nowMs;
    public int MaxAccessesInOnePoll { get; private set; }

    /// <summary>One poll at the current time, then the clock moves on by <paramref name="stepMs"/>.</summary>
    public byte[]? Poll(int stepMs = 20)
    {
        long before = Chip.Counters.Accesses;
        byte[]? uid = Reader.ReadCardInField(_nowMs);
        MaxAccessesInOnePoll = (int)Math.Max(MaxAccessesInOnePoll, Chip.Counters.Accesses - before);
        _nowMs += stepMs;
        return uid;
    }

    /// <summary>Polls until the driver is ready (chip configured).</summary>
    public void Start()
    {
        for (int i = 0; i < 10 && Driver.Health.State != ReaderState.Ok; i++)
        {
            Poll();
        }
        Assert.Equal(ReaderState.Ok, Driver.Health.State);
    }

    /// <summary>Polls until a UID is reported (or gives up after <paramref name="maxPolls"/>).</summary>
    public byte[]? PollUntilCard(int maxPolls = 20)
    {
        for (int i = 0; i < maxPolls; i++)
        {
            byte[]? uid = Poll();
            if (uid is not null)
            {
                return uid;
            }
        }
        return null;
    }

    public static string Hex(byte[]? uid) => uid is null ? "(none)" : ChipUid.ToHex(uid);
}
