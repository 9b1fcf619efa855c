using Uitpas.Edge.Simulator;

namespace Uitpas.Edge.Demo;

/// <summary>
/// The cards the demo's terminals tap, in rounds of four: a fresh good card, the same card
/// again (central's "already checked in today"), a blocked card, and an unknown card.
/// Fresh cards are dealt so that no two terminals share one.
/// </summary>
public sealed class CardScript(SeedCatalogue seed)
{
    private readonly Lock _gate = new();
    private int _nextGood;

    public (string Chip, string Kind) Next(int terminalIndex, int tapIndex, ref string? lastGood)
    {
        switch (tapIndex % 4)
        {
            case 0:
                lastGood = DealGood();
                return (lastGood, "good");
            case 1:
                return (lastGood!, "again");
            case 2:
                return (seed.BlockedCards[(terminalIndex + tapIndex) % seed.BlockedCards.Count].ChipNumber, "blocked");
            default:
                return (seed.UnknownChipNumbers[(terminalIndex + tapIndex) % seed.UnknownChipNumbers.Count], "unknown");
        }
    }

    private string DealGood()
    {
        lock (_gate)
        {
            var good = seed.GoodCards;
            return good[_nextGood++ % good.Count].ChipNumber;
        }
    }
}
