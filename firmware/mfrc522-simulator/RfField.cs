namespace Uitpas.Edge.Mfrc522Simulator;

/// <summary>
/// The RF field in front of the antenna: the cards in it, powered while the carrier is on.
/// Thread-safe: a test or the virtual terminal places and removes cards while the driver polls;
/// the chip takes <see cref="SyncRoot"/> for every access.
/// </summary>
public sealed class RfField
{
    private readonly List<VirtualCard> _cards = [];
    private readonly Dictionary<VirtualCard, long> _absentUntilNanos = [];
    private bool _carrierOn;

    public object SyncRoot { get; } = new();

    public IReadOnlyList<VirtualCard> Cards
    {
        get { lock (SyncRoot) { return _cards.ToArray(); } }
    }

    /// <summary>Cards really in the field now (not pulled out by a fault).</summary>
    public IReadOnlyList<VirtualCard> PresentCards(long nowNanos)
    {
        lock (SyncRoot)
        {
            return _cards.Where(c => !IsAbsent(c, nowNanos)).ToArray();
        }
    }

    public VirtualCard Place(byte[] uid, CardProfile? profile = null) => Place(new VirtualCard(uid, profile ?? CardProfile.ForUidLength(uid.Length)));

    public VirtualCard Place(VirtualCard card)
    {
        lock (SyncRoot)
        {
            if (_cards.Any(c => c.Uid.AsSpan().SequenceEqual(card.Uid)))
            {
                throw new InvalidOperationException($"a card with UID {card.ChipNumber} is already in the field");
            }
            _cards.Add(card);
            if (_carrierOn)
            {
                card.PowerOn();
            }
            return card;
        }
    }

    public void Remove(VirtualCard card)
    {
        lock (SyncRoot)
        {
            card.PowerOff();
            _cards.Remove(card);
            _absentUntilNanos.Remove(card);
        }
    }

    public void RemoveAll()
    {
        lock (SyncRoot)
        {
            foreach (var card in _cards)
            {
                card.PowerOff();
            }
            _cards.Clear();
            _absentUntilNanos.Clear();
        }
    }

    internal void SetCarrier(bool on, long nowNanos)
    {
        if (on == _carrierOn)
        {
            return;
        }
        _carrierOn = on;
        foreach (var card in _cards)
        {
            if (on && !IsAbsent(card, nowNanos))
            {
                card.PowerOn();
            }
            else
            {
                card.PowerOff();
            }
        }
    }

    /// <summary>Takes a card out of the field for a while; it comes back unpowered (IDLE once the carrier reaches it).</summary>
    internal void PullOut(VirtualCard card, long untilNanos)
    {
        card.PowerOff();
        _absentUntilNanos[card] = untilNanos;
    }

    /// <summary>Delivers a PCD frame to every powered card; returns the answers (one per answering card).</summary>
    internal List<(VirtualCard Card, bool[] Answer)> Deliver(bool[] frame, long nowNanos, Func<VirtualCard, bool[], bool> pullOutBeforeAnswer)
    {
        var answers = new List<(VirtualCard, bool[])>();
        foreach (var card in _cards)
        {
            if (IsAbsent(card, nowNanos))
            {
                continue;
            }
            if (card.State == PiccState.PowerOff && _carrierOn)
            {
                card.PowerOn(); // back in the field after being pulled out
            }
            if (pullOutBeforeAnswer(card, frame))
            {
                continue;
            }
            bool[]? answer = card.Receive(frame);
            if (answer is not null)
            {
                answers.Add((card, answer));
            }
        }
        return answers;
    }

    private bool IsAbsent(VirtualCard card, long nowNanos)
    {
        if (!_absentUntilNanos.TryGetValue(card, out long until))
        {
            return false;
        }
        if (nowNanos >= until)
        {
            _absentUntilNanos.Remove(card);
            return false;
        }
        return true;
    }
}
