using Uitpas.Edge.Core.Reading.Mfrc522;
using Uitpas.Edge.Mfrc522Simulator;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Mfrc522.Tests;

/// <summary>
/// A random session at a reader: cards come and go at random polls while faults are injected;
/// every UID the driver reports is checked against the cards that were really in the field.
/// </summary>
internal sealed class Scenario
{
    private readonly Random _random;
    private readonly Rig _rig;
    private readonly List<(VirtualCard Card, long PlacedMs, long RemovedMs)> _history = [];
    private readonly Mfrc522Settings _settings;

    public Scenario(int seed, Random random, FaultSettings faults, Mfrc522Settings? settings = null, bool withResetLine = true)
    {
        _random = random;
        _settings = settings ?? new Mfrc522Settings();
        _rig = new Rig(_settings, new SimulatorOptions { Seed = seed, Faults = faults, AccessOverheadMicros = random.Next(2, 30) }, withResetLine);
    }

    public Rig Rig => _rig;
    public int Reports { get; private set; }
    public HashSet<string> Reported { get; } = [];

    public void Run(int polls, double churn = 0.02, int maxCards = 3)
    {
        foreach (var (uid, profile) in Property.RandomCards(_random, 0, maxCards))
        {
            Place(uid, profile);
        }
        for (int poll = 0; poll < polls; poll++)
        {
            if (_random.NextDouble() < churn)
            {
                Churn(maxCards);
            }
            long now = _rig.NowMs;
            byte[]? uid = _rig.Poll();
            if (uid is null)
            {
                continue;
            }
            Reports++;
            string hex = ChipUid.ToHex(uid);
            Reported.Add(hex);
            Assert.True(ChipUid.IsValidLength(uid.Length), $"a {uid.Length}-byte UID was reported");
            bool real = _history.Any(h => ChipUid.AreEqual(h.Card.Uid, uid) && h.PlacedMs <= now && (h.RemovedMs < 0 || h.RemovedMs >= now - _settings.HoldMs - 40));
            Assert.True(real, $"poll {poll} at {now} ms reported {hex}, which is no card in the field; cards: {Describe()}; injected: {_rig.Chip.Injected}");
        }
    }

    private void Churn(int maxCards)
    {
        var present = _history.Where(h => h.RemovedMs < 0).ToList();
        if (present.Count > 0 && (present.Count >= maxCards || _random.Next(2) == 0))
        {
            var victim = present[_random.Next(present.Count)];
            _rig.Reader.Field.Remove(victim.Card);
            int index = _history.IndexOf(victim);
            _history[index] = victim with { RemovedMs = _rig.NowMs };
            return;
        }
        var (uid, profile) = Property.RandomCards(_random, 1, 1)[0];
        if (_rig.Reader.Field.Cards.Any(c => ChipUid.AreEqual(c.Uid, uid)))
        {
            return;
        }
        Place(uid, profile);
    }

    private void Place(byte[] uid, CardProfile profile)
    {
        var card = _rig.Reader.Place(uid, profile);
        _history.Add((card, _rig.NowMs, -1));
    }

    private string Describe() => string.Join(", ", _history.Select(h => $"{h.Card.ChipNumber} [{h.PlacedMs}..{(h.RemovedMs < 0 ? "" : h.RemovedMs)}]"));
}
