using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Uitpas.Edge.Agent.Reconcile;
using Uitpas.Edge.Agent.Snapshots;
using Uitpas.Edge.Agent.Store;
using Uitpas.Edge.Core.Display;
using Uitpas.Edge.Core.Offline;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.Simulator;
using Uitpas.Edge.VirtualTerminal;
using Xunit.Abstractions;
using Uitpas.Edge.VirtualTerminal.Adapters;
using Terminal = Uitpas.Edge.VirtualTerminal.VirtualTerminal;
using TerminalOptions = Uitpas.Edge.VirtualTerminal.VirtualTerminalOptions;

namespace Uitpas.Edge.EndToEnd.Tests;

/// <summary>
/// Issue 4's acceptance on the real system: a virtual terminal (the firmware core with its flash
/// journal and snapshots) gets its allowlist and events snapshot from the agent, loses the agent
/// for a simulated day of 1,000 taps over 200 cards, then reconnects.
/// </summary>
public sealed class OfflineDayTests(ITestOutputHelper output)
{
    private const int TapCount = 1000;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private static readonly TimeZoneInfo Brussels = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");

    [Fact]
    public async Task A_day_offline_reaches_central_exactly_once_and_the_journal_drains()
    {
        await using var system = await TapSystem.StartAsync(passholders: 2000);
        var seed = system.Central.Seed;
        var deviceId = TapSystem.DeviceIds[0];
        var eventId = seed.DefaultKiosk.CurrentEventId!;
        var cardSystem = seed.Cards.GroupBy(c => c.CardSystemId).OrderByDescending(g => g.Count()).First().Key;
        var master = RandomNumberGenerator.GetBytes(32);
        var now = DateTimeOffset.UtcNow;
        var dayStart = now.AddHours(-14);

        var csv = Path.Combine(system.DataDirectory, "supplier.csv");
        Directory.CreateDirectory(system.DataDirectory);
        File.WriteAllLines(csv, seed.Cards.Select(c => $"\"{c.ChipNumber}\";\"{c.UitpasNumber}\""));
        system.ConfigureAgent = settings =>
        {
            settings["Agent:Snapshots:Enabled"] = "true";
            settings["Agent:Snapshots:MasterSecret"] = Convert.ToBase64String(master);
            settings["Agent:Snapshots:SupplierCsv"] = csv;
            settings["Agent:Snapshots:Http:Port"] = "0";
            settings["Agent:Snapshots:RebuildDebounce"] = "00:00:00.200";
            settings["Agent:Snapshots:LookupInterval"] = "00:00:00.200";
            for (int i = 0; i < seed.Organizers.Count; i++)
            {
                settings[$"Agent:Relay:OrganizerIds:{i}"] = seed.Organizers[i].Id;
            }
            settings["Agent:Devices:0:CardSystemId"] = cardSystem.ToString(CultureInfo.InvariantCulture);
            settings["Agent:Devices:0:Events:0:EventId"] = eventId;
            settings["Agent:Devices:0:Events:0:From"] = dayStart.AddHours(-1).ToString("O", CultureInfo.InvariantCulture);
            settings["Agent:Devices:0:Events:0:Until"] = now.AddHours(2).ToString("O", CultureInfo.InvariantCulture);
        };
        await system.StopAgentAsync();
        await system.StartAgentAsync();

        var clock = new SettableClock(now);
        var terminal = await system.StartTerminalAsync(new TerminalOptions
        {
            DeviceId = deviceId,
            Broker = new BrokerEndpoint("127.0.0.1", system.BrokerPort),
            DataDirectory = Path.Combine(system.DataDirectory, deviceId),
            RetapWindowMs = 0,
            ResultShownMs = 500,
            ReplayIntervalMs = 2000,
            CardSystem = (uint)cardSystem,
            SnapshotKey = SnapshotKeys.Derive(master, (uint)cardSystem),
            Clock = clock,
        });

        // The cards of the day: good ones (some with the social tariff of this card system), blocked ones, unknown ones.
        var social = seed.SocialTariffCards.Where(c => c.CardSystemId == cardSystem).Take(20).ToArray();
        var blocked = seed.BlockedCards.Take(15).Select(c => c.ChipNumber).ToArray();
        var unknown = seed.UnknownChipNumbers.Take(5).ToArray();
        var anySocial = seed.SocialTariffCards.Select(c => c.ChipNumber).ToHashSet();
        var plain = seed.GoodCards.Where(c => !anySocial.Contains(c.ChipNumber) && c.CardSystemId == cardSystem)
            .Take(200 - social.Length - blocked.Length - unknown.Length).ToArray();
        string[] cards = [.. social.Select(c => c.ChipNumber), .. plain.Select(c => c.ChipNumber), .. blocked, .. unknown];
        Assert.Equal(200, cards.Length);

        // Online first: the blocked cards are refused by central, and so enter the allowlist.
        foreach (var chip in blocked)
        {
            var seen = await terminal.TapAsync(chip, Patience);
            Assert.Equal(Signal.Refusal, seen.Screen.Signal);
        }
        await WaitUntilAsync(() => terminal.Snapshots!.EventsVersion > 0
            && blocked.All(chip => (terminal.Snapshots.Rules.FlagsOf(ChipUid.TryParseHex(chip)) & CardFlags.Blocked) != 0)
            && social.All(c => (terminal.Snapshots.Rules.FlagsOf(ChipUid.TryParseHex(c.ChipNumber)) & CardFlags.SocialTariff) != 0),
            "the terminal installed an allowlist with the blocked and social-tariff cards, and its events snapshot");
        await WaitUntilAsync(() => terminal.Flow!.PendingTaps == 0, "the online taps were answered");

        // Cut off: the agent (and its embedded broker) goes away for the day.
        await system.StopAgentAsync();
        await WaitUntilAsync(() => !terminal.IsConnected, "the terminal noticed");

        var random = new Random(20261124);
        var taps = Enumerable.Range(0, TapCount)
            .Select(i => (Chip: cards[random.Next(cards.Length)], At: dayStart.AddSeconds(i * 50)))
            .ToArray();
        var registered = new HashSet<(string Chip, DateOnly Day)>();
        foreach (var tap in taps)
        {
            clock.Set(tap.At);
            var seen = await terminal.TapAsync(tap.Chip, Patience, TimeSpan.FromMilliseconds(40));
            var screen = seen.Screen;
            var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(tap.At, Brussels).DateTime);
            Assert.DoesNotContain("kansentarief", (screen.Title + " " + screen.Detail).ToLowerInvariant(), StringComparison.Ordinal);
            if (blocked.Contains(tap.Chip))
            {
                Assert.Equal(("Kaart geblokkeerd", Signal.Refusal), (screen.Title, screen.Signal));
            }
            else if (registered.Add((tap.Chip, day)))
            {
                Assert.Equal(("Offline geregistreerd", Signal.Pending), (screen.Title, screen.Signal));
                Assert.Equal(social.Any(c => c.ChipNumber == tap.Chip), screen.StaffCue);
            }
            else
            {
                Assert.Equal(("Al geregistreerd", Signal.Refusal), (screen.Title, screen.Signal));
            }
        }
        Assert.Equal(TapCount, terminal.Flow!.PendingTaps);

        // Reconnected: the journal replays, the agent relays and reconciles; a few of central's
        // answers get lost after it committed, so the history must settle those taps.
        clock.Set(DateTimeOffset.UtcNow);
        system.Central.Faults.DropResponseAfterCommit(SimEndpoint.Checkin, times: 5);
        await system.StartAgentAsync();
        var store = system.Agent.Services.GetRequiredService<RelayStore>();
        await WaitUntilAsync(() => terminal.Flow.PendingTaps == 0 && store.Backlog().Count == 0, "the journal drained and the agent relayed everything");

        // What central must hold, from the rules alone: every good card tapped today, once (limit 1 per day, all replayed today).
        var good = social.Concat(plain).Select(c => c.ChipNumber).ToHashSet();
        var expected = taps.Where(t => good.Contains(t.Chip)).Select(t => t.Chip).Distinct().Count();
        var checkins = system.Central.State.Checkins;
        Assert.Equal(expected, checkins.Count);
        Assert.All(checkins.GroupBy(c => (c.PassholderId, c.EventId)), g => Assert.Single(g));
        Assert.All(checkins, c => Assert.Equal(eventId, c.EventId));

        var counts = store.CreditCounts(deviceId);
        int Count(params TapCredit[] credits) => counts.Where(c => credits.Contains(c.Credit)).Sum(c => c.Count);
        Assert.Equal(checkins.Count, Count(TapCredit.Credited, TapCredit.CreditedFromHistory));
        Assert.Equal(taps.Count(t => !good.Contains(t.Chip)) + blocked.Length, Count(TapCredit.Refused));
        Assert.Equal(TapCount + blocked.Length, counts.Sum(c => c.Count));
        Assert.Equal(0, Count(TapCredit.None, TapCredit.RefusedWindowClosed, TapCredit.Rejected));
        Assert.True(Count(TapCredit.CreditedFromHistory) > 0, "the lost answers were settled from central's history");
        output.WriteLine($"taps {TapCount} offline + {blocked.Length} online; central check-ins {checkins.Count}; " + string.Join(", ",
            counts.GroupBy(c => c.Credit).Select(g => $"{g.Key} {g.Sum(c => c.Count)}")));
    }

    /// <summary>Polls a condition of the running system until it holds, failing after <see cref="Patience"/>.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting until {what}");
            await Task.Delay(50);
        }
    }

    /// <summary>The terminal's calendar clock, moved through the day by the test.</summary>
    private sealed class SettableClock(DateTimeOffset start) : TimeProvider
    {
        private long _ticks = start.UtcTicks;

        public void Set(DateTimeOffset at) => Interlocked.Exchange(ref _ticks, at.UtcTicks);

        public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);
    }
}
