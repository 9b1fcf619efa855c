using Uitpas.Edge.Core.Display;
using Uitpas.Edge.Core.Flow;
using Uitpas.Edge.Core.Journal;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Core.Tests;

/// <summary>The tap flow over a journal whose backlog is larger than what it holds in RAM.</summary>
public sealed class TapJournalFlowTests
{
    private const string Device = "vt-001";
    private const int Backlog = 150;
    private static readonly byte[] Live = [0x04, 0x4D, 0x71, 0xDA, 0x86, 0x26, 0x80];

    private readonly FieldDouble _field = new();
    private readonly UiDouble _ui = new();
    private readonly TransportDouble _mqtt = new();
    private readonly MemoryAppendStore _flash = new();
    private long _now;

    private TapFlow BootWithBacklog()
    {
        var earlier = new TapJournal(_flash);
        earlier.Open();
        for (uint sequence = 1; sequence <= Backlog; sequence++)
        {
            earlier.AppendTap(1, sequence, 1_790_000_000_000 + sequence, [0x04, 0x01, 0x02, 0x03, 0x04, (byte)(sequence >> 8), (byte)sequence]);
        }
        return TerminalBoot.Start(new TerminalSettings(Device), _field, _ui, _mqtt, _flash, new MemoryBlobStore(),
            new WallClockDouble(), new RulesDouble(), _now);
    }

    private void Run(TapFlow flow, long forMs)
    {
        for (long until = _now + forMs; _now < until;)
        {
            _now += 10;
            flow.Step(_now);
        }
    }

    private List<TapEvent> Published() => _mqtt.Published
        .Select(p => TapEventCodec.TryDecode(p.Payload, out var tap, out _) ? tap : throw new InvalidOperationException("bad tap payload"))
        .ToList();

    private void Answer(TapEvent tap, TapOutcome outcome) =>
        _mqtt.Deliver(Topics.Result(Device), TapResultCodec.Encode(new TapResult(tap.BootEpoch, tap.Sequence, outcome, 1, 12, "", "")));

    [Fact]
    public void Live_tap_behind_a_backlog_larger_than_ram_gets_its_answer_shown()
    {
        var flow = BootWithBacklog();
        Assert.Equal(Backlog, flow.PendingTaps);

        _field.Card = Live;
        Run(flow, 50);
        _field.Card = null;
        var live = Published().Single(t => (t.Flags & TapFlags.Replay) == 0);
        Assert.Equal(2u, live.BootEpoch);
        Answer(live, TapOutcome.CheckedIn);
        Run(flow, 20);

        Assert.Equal(FlowState.ShowingOutcome, flow.State);
        Assert.Equal(Signal.Success, _ui.Last.Signal);
        Assert.Equal(Backlog, flow.PendingTaps);
    }

    [Fact]
    public void Backlog_larger_than_ram_is_replayed_in_order_and_drains()
    {
        var flow = BootWithBacklog();
        var answered = new HashSet<uint>();
        for (int round = 0; round < 100 && flow.PendingTaps > 0; round++)
        {
            Run(flow, 100);
            foreach (var tap in Published().Where(t => answered.Add(t.Sequence)))
            {
                Answer(tap, TapOutcome.CheckedIn);
            }
        }
        Run(flow, 20);

        Assert.Equal(0, flow.PendingTaps);
        var firstSends = Published().Select(t => t.Sequence).Distinct().ToList();
        Assert.Equal(Enumerable.Range(1, Backlog).Select(i => (uint)i), firstSends);
    }
}
