using Uitpas.Edge.Core.Reading.Mfrc522;

namespace Uitpas.Edge.Mfrc522Simulator;

/// <summary>The NRSTPD wire to the simulated chip.</summary>
public sealed class SimulatedResetLine(SimulatedMfrc522 chip) : IResetLine
{
    public int Pulses { get; private set; }

    public void SetReset(bool asserted)
    {
        if (asserted)
        {
            Pulses++;
        }
        chip.SetResetLine(asserted);
    }
}
