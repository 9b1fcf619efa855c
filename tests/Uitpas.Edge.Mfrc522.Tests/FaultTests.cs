using Uitpas.Edge.Core.Reading.Mfrc522;
using Uitpas.Edge.Mfrc522Simulator;

namespace Uitpas.Edge.Mfrc522.Tests;

public sealed class FaultTests
{
    [Fact]
    public void No_fault_ever_yields_a_wrong_uid()
    {
        Property.ForAll(150, 10_000, (seed, random) =>
        {
            var faults = new FaultSettings
            {
                NoiseRate = random.NextDouble() * 0.3,
                DoubleFlipRate = random.NextDouble() * 0.3,
                CrcErrorRate = random.NextDouble() * 0.3,
                TruncateRate = random.NextDouble() * 0.3,
                RemovalMidSelectRate = random.NextDouble() * 0.1,
            };
            new Scenario(seed, random, faults).Run(polls: 250);
        });
    }

    [Fact]
    public void Bit_flips_on_the_bus_never_yield_a_wrong_uid()
    {
        Property.ForAll(150, 20_000, (seed, random) =>
        {
            // Up to one flipped bit in 50 SPI bytes, address bytes included: writes land in the wrong
            // register, FIFO bytes and status reads are corrupted in both directions.
            var faults = new FaultSettings { BusBitFlipRate = random.NextDouble() * 0.02 };
            new Scenario(seed, random, faults).Run(polls: 250);
        });
    }

    [Fact]
    public void Every_reported_uid_is_exactly_one_card_in_the_field()
    {
        Property.ForAll(150, 30_000, (seed, random) =>
        {
            var faults = new FaultSettings
            {
                NoiseRate = random.NextDouble() * 0.1,
                DoubleFlipRate = random.NextDouble() * 0.1,
                CrcErrorRate = random.NextDouble() * 0.1,
                TruncateRate = random.NextDouble() * 0.1,
                RemovalMidSelectRate = random.NextDouble() * 0.05,
                BusBitFlipRate = random.NextDouble() * 0.002,
                HangRate = random.NextDouble() * 0.0002,
                BusHangHealsAfterMs = 500,
            };
            var settings = new Mfrc522Settings { ResolveCollisions = random.Next(4) != 0 };
            var scenario = new Scenario(seed, random, faults, settings, withResetLine: random.Next(2) == 0);
            scenario.Run(polls: 300, churn: 0.05);
        });
    }

    [Fact]
    public void Faults_on_the_air_cost_retries_but_a_card_is_still_read()
    {
        Property.ForAll(100, 40_000, (seed, random) =>
        {
            var faults = new FaultSettings { NoiseRate = 0.1, DoubleFlipRate = 0.05, CrcErrorRate = 0.1, TruncateRate = 0.05, RemovalMidSelectRate = 0.02 };
            var rig = new Rig(options: new SimulatorOptions { Seed = seed, Faults = faults });
            rig.Start();
            byte[] uid = Property.RandomUid(random, Property.RandomLength(random));
            rig.Reader.Place(uid);
            Assert.Equal(Rig.Hex(uid), Rig.Hex(rig.PollUntilCard(maxPolls: 50)));
        });
    }

    [Fact]
    public void A_card_taken_away_mid_select_is_never_reported_half_read()
    {
        Property.ForAll(100, 50_000, (seed, random) =>
        {
            var rig = new Rig(options: new SimulatorOptions { Seed = seed, Faults = new FaultSettings { RemovalMidSelectRate = 1.0, RemovalMs = 1_000_000 } });
            rig.Start();
            rig.Reader.Place(Property.RandomUid(random, Property.RandomLength(random)));
            for (int i = 0; i < 20; i++)
            {
                Assert.Null(rig.Poll());
            }
            Assert.True(rig.Chip.Injected.Removals >= 1);
            Assert.Equal(ReaderState.Ok, rig.Driver.Health.State);
        });
    }
}
