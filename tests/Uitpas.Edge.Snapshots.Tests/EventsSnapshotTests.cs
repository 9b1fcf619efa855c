using Uitpas.Edge.Protocol.Snapshots;
using Uitpas.Edge.Snapshots.Tests.Infrastructure;

namespace Uitpas.Edge.Snapshots.Tests;

public sealed class EventsSnapshotTests
{
    private const string Device = "vt-001";
    private static readonly long Nov24 = new DateTimeOffset(2025, 11, 24, 9, 30, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    internal static EventRules Event(string id, int limit = 1, int period = LimitPeriod.Day, long from = 0, long until = 0, int tariffs = 2) => new()
    {
        EventId = id,
        Name = "Zwembad · toegang " + id,
        CheckinPoints = 1,
        CheckinLimit = limit,
        LimitPeriod = limit == 0 ? LimitPeriod.None : period,
        ValidFromUnixMs = from,
        ValidUntilUnixMs = until,
        Tariffs = Enumerable.Range(0, tariffs).Select(i => new TariffRow
        {
            Id = i == 0 ? "SOCIALTARIFF-1" : "COUPON-" + i,
            Name = i == 0 ? "UiTPAS Kansentarief" : "Cultuurbon " + i,
            Type = i == 0 ? TariffType.SocialTariff : TariffType.Coupon,
            RegularPriceCents = 800,
            TariffPriceCents = i == 0 ? 160 : 300,
            ValidFromUnixMs = from,
            ValidUntilUnixMs = until,
        }).ToArray(),
    };

    private static EventsReader Open(byte[] file, string? device = Device)
    {
        Assert.True(EventsReader.TryOpen(new MemoryFlash(file), device, out EventsReader reader, out string? reason), reason);
        return reader;
    }

    [Fact]
    public void Events_round_trip_with_their_tariffs()
    {
        EventRules[] events =
        [
            Event("a8f3c2d4-5b6e-4f70-8a9b-0c1d2e3f4a5b", 1, LimitPeriod.Day, Nov24 - 3_600_000, Nov24 + 3_600_000),
            Event("evt-2", 3, LimitPeriod.Week, tariffs: 8),
            Event("evt-3", 0, tariffs: 0),
        ];
        byte[] file = SnapshotFiles.Events(4, Device, events);

        Assert.True(SnapshotVerifier.TryVerify(new MemoryFlash(file), SnapshotFiles.Key, HmacSha256Net.Instance,
            SnapshotKind.Events, SnapshotFiles.CardSystem, 3, out _, out string? reason), reason);
        EventsReader reader = Open(file);
        Assert.Equal(Device, reader.DeviceId);
        Assert.Equal(4u, reader.Header.Version);
        EventRules[] read = reader.ReadAll();
        Assert.Equal(events.Length, read.Length);
        for (int i = 0; i < events.Length; i++)
        {
            AssertSame(events[i], read[i]);
        }
    }

    [Fact]
    public void An_empty_events_snapshot_is_valid_and_has_no_event_in_force()
    {
        EventsReader reader = Open(SnapshotFiles.Events(1, Device, []));

        Assert.Equal(0, reader.Count);
        Assert.Null(reader.EventAt(Nov24));
        Assert.Null(reader.CheckinPeriod(Nov24, out int limit));
        Assert.Equal(0, limit);
    }

    [Fact]
    public void The_first_event_whose_window_includes_the_instant_is_in_force()
    {
        EventsReader reader = Open(SnapshotFiles.Events(1, Device,
        [
            Event("morning", 1, LimitPeriod.Day, Nov24 - 1000, Nov24),
            Event("day", 2, LimitPeriod.Week, Nov24 - 10_000, Nov24 + 10_000),
            Event("always", 5, LimitPeriod.Month),
        ]));

        Assert.Equal("morning", reader.EventAt(Nov24 - 1)!.EventId);
        Assert.Equal("day", reader.EventAt(Nov24)!.EventId);
        Assert.Equal("always", reader.EventAt(Nov24 + 10_000)!.EventId);
        Assert.Equal("always", reader.EventAt(1)!.EventId);
        Assert.Equal("day/w20416", reader.CheckinPeriod(Nov24, out int limit));
        Assert.Equal(2, limit);
    }

    [Fact]
    public void Reader_and_schedule_over_decoded_events_agree_at_every_instant()
    {
        EventRules[] events =
        [
            Event("a", 1, LimitPeriod.Day, Nov24 - 86_400_000, Nov24),
            Event("b", 2, LimitPeriod.Month, Nov24 - 3_600_000, Nov24 + 40 * 86_400_000L),
            Event("c", 0, from: Nov24 + 86_400_000),
        ];
        EventsReader reader = Open(SnapshotFiles.Events(1, Device, events));

        for (long t = Nov24 - 3 * 86_400_000L; t < Nov24 + 60 * 86_400_000L; t += 3_599_999)
        {
            Assert.Equal(EventSchedule.CheckinPeriod(events, t, out int scheduleLimit), reader.CheckinPeriod(t, out int readerLimit));
            Assert.Equal(scheduleLimit, readerLimit);
            Assert.Equal(EventSchedule.InForce(events, t)?.EventId, reader.EventAt(t)?.EventId);
        }
        Assert.Null(EventSchedule.CheckinPeriod(events, 0, out _));
    }

    [Fact]
    public void No_period_without_an_event_in_force_or_without_a_clock()
    {
        EventsReader reader = Open(SnapshotFiles.Events(1, Device, [Event("e", 1, LimitPeriod.Day, Nov24, Nov24 + 1000)]));

        Assert.Null(reader.CheckinPeriod(Nov24 - 1, out _));
        Assert.Null(reader.CheckinPeriod(Nov24 + 1000, out _));
        Assert.Null(reader.CheckinPeriod(0, out _));
        Assert.Equal("e/d20416", reader.CheckinPeriod(Nov24, out int limit));
        Assert.Equal(1, limit);
    }

    [Fact]
    public void An_event_without_a_limit_has_one_period_and_limit_zero()
    {
        EventsReader reader = Open(SnapshotFiles.Events(1, Device, [Event("free", 0)]));

        Assert.Equal("free/all", reader.CheckinPeriod(Nov24, out int limit));
        Assert.Equal(0, limit);
    }

    [Fact]
    public void Events_for_another_terminal_are_refused()
    {
        byte[] file = SnapshotFiles.Events(1, "vt-002", [Event("e")]);

        Assert.False(EventsReader.TryOpen(new MemoryFlash(file), Device, out _, out string? reason));
        Assert.StartsWith("wrong device", reason);
        Assert.Equal("vt-002", Open(file, device: null).DeviceId);
    }

    [Fact]
    public void An_allowlist_is_not_opened_as_events()
    {
        byte[] allowlist = SnapshotFiles.Full(1, [], [Uids.Nxp(1)]);

        Assert.False(EventsReader.TryOpen(new MemoryFlash(allowlist), Device, out _, out string? reason));
        Assert.StartsWith("wrong kind", reason);
    }

    [Fact]
    public void The_bounds_hold_at_their_maximum()
    {
        string id = new('i', EventsFormat.MaxIdBytes);
        string name = new('é', EventsFormat.MaxNameBytes / 2);
        EventRules Largest(int n)
        {
            EventRules e = Event(id[..^2] + n.ToString("00"), tariffs: EventsFormat.MaxTariffsPerEvent);
            e.Name = name;
            foreach (TariffRow t in e.Tariffs)
            {
                t.Name = name;
                t.Id = id;
            }
            return e;
        }
        byte[] file = SnapshotFiles.Events(1, new string('d', 32), Enumerable.Range(0, EventsFormat.MaxEvents).Select(Largest));

        Assert.True(SnapshotHeader.TryRead(new MemoryFlash(file), out SnapshotHeader header, out _));
        Assert.Equal(EventsFormat.MaxPayloadLength, header.PayloadLength);
        EventsReader reader = Open(file, device: null);
        Assert.Equal(EventsFormat.MaxEvents, reader.Count);
        AssertSame(Largest(31), reader.Read(31)!);
    }

    [Fact]
    public void Writer_refuses_events_over_the_bounds_with_the_reason()
    {
        var writer = new EventsWriter(new MemoryFlashWriter(), HmacSha256Net.Instance, SnapshotFiles.Key, SnapshotFiles.CardSystem, Device, 1, 0);

        AssertRefused(writer, Event(new string('x', EventsFormat.MaxIdBytes + 1)), "event id");
        AssertRefused(writer, Event(""), "event id");
        AssertRefused(writer, Event("e", tariffs: EventsFormat.MaxTariffsPerEvent + 1), "tariffs");
        AssertRefused(writer, Event("e", limit: 70_000), "check-in limit");
        AssertRefused(writer, Event("e", from: 10, until: 10), "validity");
        EventRules badPeriod = Event("e");
        badPeriod.LimitPeriod = LimitPeriod.None;
        AssertRefused(writer, badPeriod, "limit period");
        EventRules badTariff = Event("e");
        badTariff.Tariffs[0].Type = 9;
        AssertRefused(writer, badTariff, "unknown type");
        for (int i = 0; i < EventsFormat.MaxEvents; i++)
        {
            writer.Add(Event("e" + i));
        }
        AssertRefused(writer, Event("one-too-many"), "at most");
        Assert.Equal(EventsFormat.MaxEvents, writer.Count);
    }

    [Fact]
    public void Reader_refuses_a_tagged_file_over_the_bounds()
    {
        // A correctly tagged file whose entry claims nine tariffs: the reader refuses it with a reason.
        byte[] file = SnapshotFiles.Events(1, Device, [Event("e", tariffs: EventsFormat.MaxTariffsPerEvent)]);
        int nameBytes = System.Text.Encoding.UTF8.GetByteCount(Event("e").Name!);
        int countAt = SnapshotFormat.HeaderLength + (1 + Device.Length) + 2 + (1 + 1) + (1 + nameBytes) + 4 + 2 + 1 + 8 + 8;
        byte[] patched = Retag(file, countAt, EventsFormat.MaxTariffsPerEvent + 1);

        Assert.True(SnapshotVerifier.HasValidTag(new MemoryFlash(patched), SnapshotFiles.Key, HmacSha256Net.Instance));
        Assert.False(EventsReader.TryOpen(new MemoryFlash(patched), Device, out _, out string? reason));
        Assert.Contains("tariffs", reason);
    }

    [Fact]
    public void Limit_periods_match_central_period_types()
    {
        Assert.Equal(LimitPeriod.Event, LimitPeriod.FromCentral("ABSOLUTE"));
        Assert.Equal(LimitPeriod.Day, LimitPeriod.FromCentral("DAY"));
        Assert.Equal(LimitPeriod.Week, LimitPeriod.FromCentral("WEEK"));
        Assert.Equal(LimitPeriod.Month, LimitPeriod.FromCentral("MONTH"));
        Assert.Equal(LimitPeriod.Quarter, LimitPeriod.FromCentral("QUARTER"));
        Assert.Equal(LimitPeriod.Year, LimitPeriod.FromCentral("YEAR"));
        Assert.Equal(-1, LimitPeriod.FromCentral("FORTNIGHT"));
    }

    private static void AssertRefused(EventsWriter writer, EventRules rules, string why)
    {
        var e = Assert.Throws<ArgumentException>(() => writer.Add(rules));
        Assert.Contains(why, e.Message);
    }

    private static byte[] Retag(byte[] file, int at, byte value)
    {
        byte[] body = file[..^SnapshotFormat.TagLength];
        Assert.Equal(EventsFormat.MaxTariffsPerEvent, body[at]);
        body[at] = value;
        var tag = new SnapshotTag(HmacSha256Net.Instance, SnapshotFiles.Key);
        tag.Append(body, 0, body.Length);
        return [.. body, .. tag.Finish()];
    }

    private static void AssertSame(EventRules expected, EventRules actual)
    {
        Assert.Equal(expected.EventId, actual.EventId);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.CheckinPoints, actual.CheckinPoints);
        Assert.Equal(expected.CheckinLimit, actual.CheckinLimit);
        Assert.Equal(expected.LimitPeriod, actual.LimitPeriod);
        Assert.Equal(expected.ValidFromUnixMs, actual.ValidFromUnixMs);
        Assert.Equal(expected.ValidUntilUnixMs, actual.ValidUntilUnixMs);
        Assert.Equal(expected.Tariffs.Length, actual.Tariffs.Length);
        for (int i = 0; i < expected.Tariffs.Length; i++)
        {
            TariffRow e = expected.Tariffs[i], a = actual.Tariffs[i];
            Assert.Equal((e.Id, e.Name, e.Type, e.RegularPriceCents, e.TariffPriceCents, e.ValidFromUnixMs, e.ValidUntilUnixMs),
                (a.Id, a.Name, a.Type, a.RegularPriceCents, a.TariffPriceCents, a.ValidFromUnixMs, a.ValidUntilUnixMs));
        }
    }
}
