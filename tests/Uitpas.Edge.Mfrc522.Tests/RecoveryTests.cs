using Uitpas.Edge.Core.Reading.Mfrc522;
using Uitpas.Edge.Mfrc522Simulator;

namespace Uitpas.Edge.Mfrc522.Tests;

public sealed class RecoveryTests
{
    [Theory]
    [InlineData(ChipHang.Stalled)]
    [InlineData(ChipHang.BusStuckLow)]
    [InlineData(ChipHang.BusStuckHigh)]
    [InlineData(ChipHang.SilentReset)]
    public void Driver_recovers_by_itself_after_a_chip_hang(ChipHang hang)
    {
        Property.ForAll(20, 60_000 + (int)hang * 100, (seed, random) =>
        {
            var rig = new Rig(options: new SimulatorOptions { Seed = seed, AccessOverheadMicros = random.Next(2, 30) });
            rig.Start();
            byte[] uid = Property.RandomUid(random, Property.RandomLength(random));
            rig.Reader.Place(uid);
            Assert.NotNull(rig.PollUntilCard());
            for (int i = random.Next(5); i > 0; i--)
            {
                rig.Poll();
            }

            rig.Chip.InjectHang(hang);
            int polls = 0;
            byte[]? read = null;
            // Recovery must come from the driver alone: nobody touches the chip or the field.
            while (polls < 100 && (rig.Driver.Health.State != ReaderState.Ok || read is null || rig.Driver.LastOutcome != ReadOutcome.Card))
            {
                read = rig.Poll();
                polls++;
            }
            Assert.Equal(ReaderState.Ok, rig.Driver.Health.State);
            Assert.Equal(Rig.Hex(uid), Rig.Hex(read));
            Assert.True(rig.Driver.Health.Reinitialisations >= 1, "the driver did not re-initialise the chip");
            Assert.Equal(ChipHang.None, rig.Chip.Hang);
        });
    }

    [Fact]
    public void A_brown_out_that_switches_the_antenna_off_is_caught_and_repaired()
    {
        var rig = new Rig(new Mfrc522Settings { SelfCheckIntervalMs = 1000 });
        rig.Start();
        rig.Chip.InjectHang(ChipHang.SilentReset); // empty field: nothing but the self-check can notice
        for (int i = 0; i < 60; i++)
        {
            rig.Poll();
        }
        Assert.True(rig.Driver.Health.SelfCheckFailures >= 1);
        Assert.Equal(ReaderState.Ok, rig.Driver.Health.State);
        Assert.Equal(0x83, rig.Chip.Peek(Mfrc522Registers.TxControlReg));
        rig.Reader.Place([0x04, 9, 8, 7, 6, 5, 4]);
        Assert.NotNull(rig.PollUntilCard());
    }

    [Fact]
    public void An_overheated_chip_is_reinitialised()
    {
        var rig = new Rig();
        rig.Start();
        byte[] uid = [0x04, 9, 8, 7, 6, 5, 4];
        rig.Reader.Place(uid);
        Assert.NotNull(rig.PollUntilCard());
        rig.Chip.Overheat();
        for (int i = 0; i < 10; i++)
        {
            rig.Poll();
        }
        Assert.Equal(ReaderState.Ok, rig.Driver.Health.State);
        Assert.Equal(Rig.Hex(uid), Rig.Hex(rig.PollUntilCard()));
    }

    [Fact]
    public void Without_a_reset_line_a_dead_bus_is_reported_down_retried_with_backoff_and_recovers_when_it_heals()
    {
        var faults = new FaultSettings { BusHangHealsAfterMs = 20_000 };
        var rig = new Rig(options: new SimulatorOptions { Faults = faults }, withResetLine: false);
        rig.Chip.Faults = faults;
        rig.Start();
        rig.Chip.InjectHang(ChipHang.BusStuckHigh);
        for (int i = 0; i < 200; i++)
        {
            rig.Poll();
        }
        Assert.Equal(ReaderState.Down, rig.Driver.Health.State);
        long attempts = rig.Driver.Health.Initialisations;
        for (int i = 0; i < 50; i++)
        {
            rig.Poll();
        }
        Assert.True(rig.Driver.Health.Initialisations - attempts <= 2, "back-off should space the attempts out");
        Assert.NotNull(rig.Driver.Health.LastProblem);
        for (int i = 0; i < 2000 && rig.Driver.Health.State != ReaderState.Ok; i++)
        {
            rig.Poll();
        }
        Assert.Equal(ReaderState.Ok, rig.Driver.Health.State);
    }

    [Fact]
    public void A_dead_bus_is_cured_with_the_reset_line()
    {
        var rig = new Rig();
        rig.Start();
        rig.Chip.InjectHang(ChipHang.BusStuckLow);
        for (int i = 0; i < 30 && !(rig.Driver.Health.Reinitialisations > 0 && rig.Driver.Health.State == ReaderState.Ok); i++)
        {
            rig.Poll();
        }
        Assert.Equal(ReaderState.Ok, rig.Driver.Health.State);
        Assert.True(rig.Reader.ResetLine!.Pulses >= 1);
        Assert.True(rig.Driver.Health.HardResets >= 1);
    }

    [Fact]
    public void Health_names_the_chip_and_the_last_problem()
    {
        var rig = new Rig(options: new SimulatorOptions { Version = 0x91 });
        rig.Start();
        rig.Chip.InjectHang(ChipHang.Stalled);
        for (int i = 0; i < 10; i++)
        {
            rig.Poll();
        }
        var health = rig.Driver.Health;
        Assert.Equal(0x91, health.ChipVersion);
        Assert.True(health.GenuineChip);
        Assert.True(health.ChipFaults >= 1);
        Assert.Contains("reader ok", health.Summary());
        Assert.Contains("last problem", health.Summary());
    }
}
