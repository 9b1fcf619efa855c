using System.Security.Cryptography;
using Uitpas.Edge.Core.Messaging;
using Uitpas.Edge.Core.Snapshots;
using Uitpas.Edge.Core.Storage;
using Uitpas.Edge.Protocol.Distribution;
using Uitpas.Edge.Protocol.Snapshots;

namespace Uitpas.Edge.Core.Tests;

/// <summary>HMAC-SHA256 of .NET behind the protocol's interface.</summary>
internal sealed class HmacNet : IHmacSha256
{
    public static readonly HmacNet Instance = new();

    public byte[] Compute(byte[] key, byte[] data, int offset, int count) => HMACSHA256.HashData(key, data.AsSpan(offset, count));
}

/// <summary>
/// The terminal's flash for snapshots: files and blobs in memory, every change logged, so a
/// power cut after any change (or in the middle of an append) can be replayed with <see cref="CutAt"/>.
/// </summary>
internal sealed class SnapshotFlash : ISnapshotStorage, IBlobStore
{
    private sealed record Change(char Kind, string Name, byte[] Bytes);

    private readonly Dictionary<string, List<byte>> _files = [];
    private readonly Dictionary<string, byte[]> _blobs = [];
    private readonly List<Change> _changes = [];

    public int Changes => _changes.Count;
    public int OpenReaders { get; private set; }
    public IReadOnlyCollection<string> FileNames => _files.Keys;

    /// <summary>The flash as a power cut after <paramref name="changes"/> changes leaves it; <paramref name="tornBytes"/> of the next append, when it is one.</summary>
    public SnapshotFlash CutAt(int changes, int tornBytes = 0)
    {
        var flash = new SnapshotFlash();
        for (int i = 0; i < changes; i++)
        {
            flash.Apply(_changes[i]);
        }
        if (tornBytes > 0 && changes < _changes.Count && _changes[changes].Kind == 'A')
        {
            Change next = _changes[changes];
            flash.Apply(next with { Bytes = next.Bytes[..Math.Min(tornBytes, next.Bytes.Length)] });
        }
        return flash;
    }

    public bool IsAppend(int change) => _changes[change].Kind == 'A';

    public byte[] Bytes(string name) => [.. _files[name]];

    /// <summary>Flips one byte of a stored file (flash decay).</summary>
    public void Corrupt(string name, int position) => _files[name][position] ^= 0x40;

    public long LengthOf(string name) => _files.TryGetValue(name, out var f) ? f.Count : -1;

    public ISnapshotReadFile? OpenRead(string name)
    {
        if (!_files.ContainsKey(name))
        {
            return null;
        }
        OpenReaders++;
        return new Reader(this, name);
    }

    public ISnapshotAppendFile OpenAppend(string name, bool truncate)
    {
        if (truncate || !_files.ContainsKey(name))
        {
            Log(new Change('T', name, []));
        }
        return new Appender(this, name);
    }

    public void Delete(string name)
    {
        if (_files.ContainsKey(name))
        {
            Log(new Change('D', name, []));
        }
    }

    public byte[]? Read(string name) => _blobs.TryGetValue(name, out var b) ? (byte[])b.Clone() : null;

    public void Write(string name, byte[] data) => Log(new Change('B', name, (byte[])data.Clone()));

    private void Log(Change change)
    {
        _changes.Add(change);
        Apply(change);
    }

    private void Apply(Change c)
    {
        switch (c.Kind)
        {
            case 'T': _files[c.Name] = []; break;
            case 'A': _files[c.Name].AddRange(c.Bytes); break;
            case 'D': _files.Remove(c.Name); break;
            case 'B': _blobs[c.Name] = c.Bytes; break;
        }
    }

    private sealed class Reader(SnapshotFlash flash, string name) : ISnapshotReadFile
    {
        private bool _closed;

        public long Length => flash._files.TryGetValue(name, out var f) ? f.Count : 0;

        public int Read(long position, byte[] buffer, int offset, int count)
        {
            Assert.False(_closed, "read after close");
            if (!flash._files.TryGetValue(name, out var f) || position >= f.Count)
            {
                return 0;
            }
            int n = (int)Math.Min(count, f.Count - position);
            f.CopyTo((int)position, buffer, offset, n);
            return n;
        }

        public void Close()
        {
            if (!_closed)
            {
                _closed = true;
                flash.OpenReaders--;
            }
        }
    }

    private sealed class Appender(SnapshotFlash flash, string name) : ISnapshotAppendFile
    {
        public long Length => flash._files.TryGetValue(name, out var f) ? f.Count : 0;

        public void Write(byte[] buffer, int offset, int count) => flash.Log(new Change('A', name, buffer.AsSpan(offset, count).ToArray()));

        public void Flush()
        {
        }

        public void Close()
        {
        }
    }
}

/// <summary>Snapshot files made with the protocol's writers, as the agent makes them.</summary>
internal static class SnapshotMaker
{
    public const uint CardSystem = 12;
    public const string Device = "vt-007";

    public static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)(i * 7)).ToArray();
    public static readonly byte[] ForgedKey = Enumerable.Range(1, 32).Select(i => (byte)(i * 13)).ToArray();

    public static long CreatedAt(uint version) => 1_763_900_000_000L + version * 60_000L;

    public static byte[] Uid(int n) => [0x04, 0x11, 0x22, (byte)(n >> 16), (byte)(n >> 8), (byte)n, 0x80];

    /// <summary><paramref name="count"/> distinct random 04… UIDs (they do not compress: a few bytes each in the file).</summary>
    public static byte[][] RandomUids(int seed, int count)
    {
        var random = new Random(seed);
        var set = new HashSet<string>();
        var uids = new List<byte[]>();
        while (uids.Count < count)
        {
            byte[] uid = new byte[7];
            random.NextBytes(uid);
            uid[0] = 0x04;
            uid[1] |= 0x80; // never one of Uid(n)'s
            if (set.Add(Convert.ToHexString(uid)))
            {
                uids.Add(uid);
            }
        }
        return [.. uids];
    }

    public static byte[] Full(uint version, IEnumerable<byte[]> blocked, IEnumerable<byte[]> social, byte[]? key = null, uint cardSystem = CardSystem)
    {
        var output = new MemoryWriter();
        var writer = new AllowlistWriter(output, HmacNet.Instance, key ?? Key, cardSystem, version, CreatedAt(version));
        foreach (byte[] uid in Sorted(blocked))
        {
            writer.AddBlocked(uid);
        }
        foreach (byte[] uid in Sorted(social))
        {
            writer.AddSocialTariff(uid);
        }
        writer.Finish();
        return output.ToArray();
    }

    /// <summary>The delta from (blocked, social) at <paramref name="from"/> to the sets at <paramref name="to"/>, with the full file of <paramref name="to"/>.</summary>
    public static (byte[] Delta, byte[] Full) Delta(uint from, uint to, byte[][] blockedBefore, byte[][] socialBefore, byte[][] blockedAfter, byte[][] socialAfter)
    {
        byte[] full = Full(to, blockedAfter, socialAfter);
        var output = new MemoryWriter();
        var writer = new AllowlistDeltaWriter(output, HmacNet.Instance, Key, CardSystem, from, to, CreatedAt(to));
        foreach (byte[] uid in Sorted(Except(blockedBefore, blockedAfter))) writer.Add(AllowlistDeltaWriter.BlockedRemoved, uid);
        foreach (byte[] uid in Sorted(Except(blockedAfter, blockedBefore))) writer.Add(AllowlistDeltaWriter.BlockedAdded, uid);
        foreach (byte[] uid in Sorted(Except(socialBefore, socialAfter))) writer.Add(AllowlistDeltaWriter.SocialTariffRemoved, uid);
        foreach (byte[] uid in Sorted(Except(socialAfter, socialBefore))) writer.Add(AllowlistDeltaWriter.SocialTariffAdded, uid);
        writer.Finish(Tag(full));
        return (output.ToArray(), full);
    }

    public static byte[] Events(uint version, IEnumerable<EventRules> events, string device = Device, uint cardSystem = CardSystem)
    {
        var output = new MemoryWriter();
        var writer = new EventsWriter(output, HmacNet.Instance, Key, cardSystem, device, version, CreatedAt(version));
        foreach (EventRules rules in events)
        {
            writer.Add(rules);
        }
        writer.Finish();
        return output.ToArray();
    }

    public static EventRules Event(string id, int limit, int period) => new()
    {
        EventId = id,
        Name = "Zwembad " + id,
        CheckinPoints = 1,
        CheckinLimit = limit,
        LimitPeriod = limit == 0 ? LimitPeriod.None : period,
        Tariffs = [],
    };

    public static byte[] Tag(byte[] file) => file[^SnapshotFormat.TagLength..];

    public static SnapshotManifest Manifest(int kind, uint version, string name, byte[] file, params ManifestDelta[] deltas) =>
        new(kind, version, name, file.Length, Tag(file), deltas, null);

    private static IEnumerable<byte[]> Sorted(IEnumerable<byte[]> uids) => uids.Order(Comparer<byte[]>.Create(UidClass.CompareUids));

    private static IEnumerable<byte[]> Except(byte[][] a, byte[][] b) => a.Where(x => !b.Any(y => y.AsSpan().SequenceEqual(x)));

    private sealed class MemoryWriter : IFlashWriter
    {
        private readonly MemoryStream _stream = new();
        public void Write(byte[] buffer, int offset, int count) => _stream.Write(buffer, offset, count);
        public byte[] ToArray() => _stream.ToArray();
    }
}

/// <summary>
/// The agent as the network shows it to one terminal: retained manifests (sent again at every
/// connect), chunk answers from real files, applied reports kept as retained. It stands in
/// for the broker and the agent's file service, not for the terminal's logic.
/// </summary>
internal sealed class AgentDouble : IMqttTransport, IRetainedPublisher
{
    private readonly Queue<InboundMessage> _inbound = new();
    private readonly Dictionary<string, byte[]> _retained = [];
    private bool _connected = true;

    public Dictionary<string, byte[]> Files { get; } = [];
    public List<ChunkRequest> Requests { get; } = [];
    public List<AppliedReport> Reports { get; } = [];

    /// <summary>Answers left before the agent goes silent (the link breaks); null = no limit.</summary>
    public int? AnswersLeft { get; set; }

    /// <summary>Serves this length as the file's total instead of the real one (a lying agent).</summary>
    public long? ClaimedTotal { get; set; }

    public bool IsConnected => _connected;

    public void Disconnect() => _connected = false;

    /// <summary>Connects again; the broker sends the retained manifests, as at every subscribe.</summary>
    public void Connect()
    {
        _connected = true;
        foreach (var (topic, payload) in _retained)
        {
            _inbound.Enqueue(new InboundMessage(topic, payload));
        }
    }

    public void Announce(string topic, SnapshotManifest manifest) => Announce(topic, manifest.Encode());

    public void Announce(string topic, byte[] payload)
    {
        _retained[topic] = payload;
        if (_connected)
        {
            _inbound.Enqueue(new InboundMessage(topic, payload));
        }
    }

    public void Deliver(string topic, byte[] payload) => _inbound.Enqueue(new InboundMessage(topic, payload));

    public bool Publish(string topic, byte[] payload)
    {
        if (!_connected)
        {
            return false;
        }
        if (topic == DistributionTopics.Get(SnapshotMaker.Device))
        {
            Assert.True(ChunkRequest.TryParse(payload, out ChunkRequest request, out string? error), error);
            Requests.Add(request);
            Answer(request);
        }
        return true;
    }

    public bool PublishRetained(string topic, byte[] payload)
    {
        if (!_connected)
        {
            return false;
        }
        Assert.Equal(DistributionTopics.Applied(SnapshotMaker.Device), topic);
        Assert.True(AppliedReport.TryParse(payload, out AppliedReport report, out string? error), error);
        Reports.Add(report);
        return true;
    }

    public InboundMessage? Receive() => _inbound.Count > 0 ? _inbound.Dequeue() : null;

    private void Answer(ChunkRequest request)
    {
        if (AnswersLeft is int left)
        {
            if (left <= 0)
            {
                return;
            }
            AnswersLeft = left - 1;
        }
        string topic = DistributionTopics.Chunk(SnapshotMaker.Device);
        if (!Files.TryGetValue(request.File, out byte[]? file))
        {
            _inbound.Enqueue(new InboundMessage(topic, ChunkAnswer.Encode(ChunkStatus.UnknownFile, request.File, 0, 0, [], 0, 0)));
            return;
        }
        long total = ClaimedTotal ?? file.Length;
        int count = (int)Math.Max(0, Math.Min(request.Count, Math.Min(file.Length, total) - request.Offset));
        _inbound.Enqueue(new InboundMessage(topic, ChunkAnswer.Encode(ChunkStatus.Ok, request.File, request.Offset, total, file, (int)request.Offset, count)));
    }
}

/// <summary>Drives an updater the way the tap flow does: inbound messages routed, then a step, on a clock the test owns.</summary>
internal sealed class SnapshotDriver(AgentDouble agent, LogDouble? log = null)
{
    public long Now { get; private set; } = 1_000;

    public void Run(SnapshotUpdater updater, Func<bool> until, int maxSteps = 20_000)
    {
        for (int i = 0; i < maxSteps; i++)
        {
            StepOnce(updater);
            if (until())
            {
                return;
            }
        }
        Assert.Fail("the condition was not reached within " + maxSteps + " steps; requests: " + agent.Requests.Count
            + "; log: " + string.Join(" | ", log?.Lines ?? []));
    }

    /// <summary>Steps for a stretch of simulated time (no condition to wait for).</summary>
    public void RunFor(SnapshotUpdater updater, long ms)
    {
        for (long end = Now + ms; Now < end;)
        {
            StepOnce(updater);
        }
    }

    private void StepOnce(SnapshotUpdater updater)
    {
        Now += 10;
        for (InboundMessage? m = agent.Receive(); m is not null; m = agent.Receive())
        {
            Assert.True(updater.Handle(m, Now), "not a snapshot topic: " + m.Topic);
        }
        updater.Step(Now, idle: true);
    }
}

internal sealed class LogDouble : ISnapshotLog
{
    public List<string> Lines { get; } = [];
    public void Write(string line) => Lines.Add(line);
}
