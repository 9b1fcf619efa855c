#nullable enable
using System;
using System.Linq;
using Uitpas.Edge.Core.Diagnostics;
using Uitpas.Edge.Core.Flow;
using Uitpas.Edge.Core.Journal;
using Uitpas.Edge.Core.Messaging;
using Uitpas.Edge.Core.Offline;
using Uitpas.Edge.Core.Snapshots;
using Uitpas.Edge.DeviceTests.Support;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.Protocol.Snapshots;
using Xunit;
using Xunit.Abstractions;
using Assert = Xunit.Assert;

namespace Uitpas.Edge.Firmware.Tests;

/// <summary>
/// The per-operation half of the memory budget (docs/firmware.md, "Memory budget"): what the
/// core allocates for a tap decided from the installed snapshots and for each journaled tap
/// replayed or recovered, measured on the host with GC.GetAllocatedBytesForCurrentThread
/// (this thread only, so tests running beside it do not count) and kept within
/// <see cref="MemoryBudget"/>. Host object sizes differ from nanoFramework's; the figures guard
/// against an allocation creeping into a path that must stay lean, and the board prints its
/// own heap at each phase. The snapshot files and the flash are the device cases' doubles
/// (SnapshotMaker, SnapshotFlash), so the same data runs on both.
/// </summary>
public sealed class MemoryBudgetTests(ITestOutputHelper output)
{
    private const string Device = SnapshotMaker.Device;
    private const int Cards = 50_000;
    private const int Blocked = 1_000;
    private static readonly long Monday = new DateTimeOffset(2026, 11, 23, 9, 30, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    [Fact]
    public void An_allowlist_lookup_allocates_nothing_once_the_readers_are_open()
    {
        SnapshotOfflineRules rules = InstalledRules();
        byte[][] taps = Sample();
        var flags = new int[taps.Length];
        Flags(rules, taps, flags); // first use: the readers' buffers and root pages

        long before = GC.GetAllocatedBytesForCurrentThread();
        Flags(rules, taps, flags);
        long perLookup = (GC.GetAllocatedBytesForCurrentThread() - before) / taps.Length;

        Assert.All(flags.Take(50), f => Assert.Equal(CardFlags.Blocked, f));
        Assert.All(flags.Skip(50).Take(150), f => Assert.Equal(CardFlags.SocialTariff, f));
        Assert.All(flags.Skip(200), f => Assert.Equal(CardFlags.None, f));
        output.WriteLine($"allowlist lookup: {perLookup} B allocated per lookup ({Cards:N0} cards)");
        Assert.True(perLookup <= MemoryBudget.AllowlistLookupAllocationBytes,
            $"an allowlist lookup allocates {perLookup} B, budget {MemoryBudget.AllowlistLookupAllocationBytes} B");
    }

    [Fact]
    public void A_tap_decided_from_the_installed_snapshots_allocates_within_the_lookup_budget()
    {
        var decider = new OfflineDecider(InstalledRules());
        byte[][] taps = Sample();
        Decide(decider, taps, Monday); // first use: the readers' buffers and root pages

        long before = GC.GetAllocatedBytesForCurrentThread();
        OfflineDecision[] decisions = Decide(decider, taps, Monday + 86_400_000);
        long perTap = (GC.GetAllocatedBytesForCurrentThread() - before) / taps.Length;

        Assert.All(decisions.Take(50), d => Assert.Equal(OfflineDecision.Blocked, d));
        Assert.All(decisions.Skip(50), d => Assert.Equal(OfflineDecision.Registered, d));
        Assert.Equal(OfflineDecision.LimitReached, decider.Decide(taps[60], Monday + 86_400_000, out bool social));
        Assert.True(social, "a listed card keeps its staff cue");
        output.WriteLine($"lookup: {perTap} B allocated per tap decided ({Cards:N0} cards, one event with a daily limit)");
        Assert.True(perTap <= MemoryBudget.LookupAllocationBytes,
            $"a tap decided from the snapshots allocates {perTap} B, budget {MemoryBudget.LookupAllocationBytes} B");
    }

    [Fact]
    public void Replaying_journaled_taps_allocates_within_the_per_tap_budget()
    {
        const int pending = 200;
        var flash = new MemoryAppendStore();
        Journal(flash, pending);
        var agent = new AnsweringTransport(Answers(pending));
        TapFlow flow = Boot(flash, agent);
        flow.Step(10); // the first turn after the boot; nothing replayed yet while offline
        agent.IsConnected = true;

        long before = GC.GetAllocatedBytesForCurrentThread();
        long now = 20;
        for (int turn = 0; turn < 10 * pending && flow.PendingTaps > 0; turn++)
        {
            flow.Step(now += 15);
        }
        long perTap = (GC.GetAllocatedBytesForCurrentThread() - before) / pending;

        Assert.Equal(0, flow.PendingTaps);
        Assert.Equal(pending, agent.Published);
        output.WriteLine($"replay: {perTap} B allocated per journaled tap sent, answered and settled ({pending} taps)");
        Assert.True(perTap <= MemoryBudget.ReplayAllocationBytesPerTap,
            $"replaying allocates {perTap} B per tap, budget {MemoryBudget.ReplayAllocationBytesPerTap} B");
    }

    [Fact]
    public void Recovering_the_journal_at_boot_allocates_within_the_per_tap_budget()
    {
        const int pending = 200;
        var empty = new MemoryAppendStore();
        var full = new MemoryAppendStore();
        Journal(full, pending);
        Boot(new MemoryAppendStore(), new AnsweringTransport([])); // first use of the code paths

        long before = GC.GetAllocatedBytesForCurrentThread();
        Boot(empty, new AnsweringTransport([]));
        long baseline = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        TapFlow flow = Boot(full, new AnsweringTransport([]));
        long perTap = (GC.GetAllocatedBytesForCurrentThread() - before - baseline) / pending;

        Assert.Equal(pending, flow.PendingTaps);
        Assert.True(flow.BootEpoch > 1, "a new boot epoch after the journaled ones");
        output.WriteLine($"journal open: {perTap} B allocated per pending tap beyond the {baseline} B of an empty boot ({pending} taps)");
        Assert.True(perTap <= MemoryBudget.JournalOpenAllocationBytesPerTap,
            $"opening the journal allocates {perTap} B per pending tap, budget {MemoryBudget.JournalOpenAllocationBytesPerTap} B");
    }

    private static byte[][] BlockedCards => Uids.Scattered(1, Blocked);

    private static byte[][] SocialTariffCards => Uids.Scattered(2, Cards - Blocked);

    /// <summary>50 blocked cards, 150 with the social tariff, 100 not listed.</summary>
    private static byte[][] Sample() => [.. BlockedCards.Take(50), .. SocialTariffCards.TakeLast(150), .. Uids.Scattered(3, 100)];

    private static void Flags(SnapshotOfflineRules rules, byte[][] taps, int[] flags)
    {
        for (int i = 0; i < taps.Length; i++)
        {
            flags[i] = rules.FlagsOf(taps[i]);
        }
    }

    private static OfflineDecision[] Decide(OfflineDecider decider, byte[][] taps, long unixMs)
    {
        var decisions = new OfflineDecision[taps.Length];
        for (int i = 0; i < taps.Length; i++)
        {
            decisions[i] = decider.Decide(taps[i], unixMs, out _);
        }
        return decisions;
    }

    /// <summary>An allowlist and an events snapshot, made as the agent makes them and installed as the updater installs them.</summary>
    private static SnapshotOfflineRules InstalledRules()
    {
        var flash = new SnapshotFlash();
        var allowlist = new SnapshotSlot(SnapshotKind.Allowlist, SnapshotMaker.CardSystem, flash, flash);
        var events = new SnapshotSlot(SnapshotKind.Events, SnapshotMaker.CardSystem, flash, flash);
        Install(allowlist, flash, SnapshotMaker.Full(1, BlockedCards, SocialTariffCards));
        Install(events, flash, SnapshotMaker.Events(1, [SnapshotMaker.Event("evt-zwembad", 1, LimitPeriod.Day)]));
        var rules = new SnapshotOfflineRules(allowlist, events, Device);
        Assert.Null(rules.Reload(SnapshotKind.Allowlist));
        Assert.Null(rules.Reload(SnapshotKind.Events));
        Assert.True(rules.HasAllowlist && rules.HasEvents, "both snapshots open");
        return rules;
    }

    private static void Install(SnapshotSlot slot, SnapshotFlash flash, byte[] file)
    {
        slot.Load();
        ISnapshotAppendFile scratch = flash.OpenAppend(slot.ScratchName, true);
        scratch.Write(file, 0, file.Length);
        scratch.Close();
        slot.InstallScratch(1, SnapshotMaker.Tag(file));
    }

    private static void Journal(MemoryAppendStore flash, int taps)
    {
        var journal = new TapJournal(flash);
        journal.Open();
        byte[][] cards = Uids.Scattered(4, taps);
        for (int i = 0; i < taps; i++)
        {
            journal.AppendTap(1, (uint)(i + 1), Monday + i * 60_000L, cards[i]);
        }
    }

    private static InboundMessage[] Answers(int taps) =>
        Enumerable.Range(1, taps)
            .Select(seq => new InboundMessage(Topics.Result(Device),
                TapResultCodec.Encode(new TapResult(1, (uint)seq, TapOutcome.CheckedIn, 1, 10 + seq, "", ""))))
            .ToArray();

    private static TapFlow Boot(MemoryAppendStore flash, AnsweringTransport agent) =>
        TerminalBoot.Start(new TerminalSettings(Device), new CardFieldDouble(), new RecordingUi(), agent, flash, new MemoryBlobStore(),
            new WallClockDouble(Monday), new NoOfflineRules(), 0);

    /// <summary>The agent, answering the k-th tap sent with the k-th prepared result; allocates nothing per publish.</summary>
    private sealed class AnsweringTransport(InboundMessage[] answers) : IMqttTransport
    {
        private int _next;
        private InboundMessage? _due;

        public bool IsConnected { get; set; }
        public int Published { get; private set; }

        public bool Publish(string topic, byte[] payload)
        {
            if (!IsConnected)
            {
                return false;
            }
            Published++;
            if (_next < answers.Length)
            {
                _due = answers[_next++];
            }
            return true;
        }

        public InboundMessage? Receive()
        {
            InboundMessage? due = _due;
            _due = null;
            return due;
        }
    }
}
