using System.Collections;
using System.Text;
using Uitpas.Edge.Core.Configuration;
using Uitpas.Edge.Core.Messaging;
using Uitpas.Edge.Core.Snapshots;
using Uitpas.Edge.Core.Storage;
using Uitpas.Edge.Protocol.Config;

namespace Uitpas.Edge.Core.Tests.Configuration;

/// <summary>An MQTT transport that keeps what the terminal published, with the retain flag.</summary>
internal sealed class ConfigTransport : IMqttTransport, IRetainedPublisher
{
    private readonly Queue<InboundMessage> _inbound = new();

    public bool IsConnected { get; set; } = true;
    public List<(string Topic, byte[] Payload, bool Retained)> Published { get; } = [];

    public bool Publish(string topic, byte[] payload) => Add(topic, payload, false);
    public bool PublishRetained(string topic, byte[] payload) => Add(topic, payload, true);

    private bool Add(string topic, byte[] payload, bool retained)
    {
        if (!IsConnected)
        {
            return false;
        }
        Published.Add((topic, payload, retained));
        return true;
    }

    public void Deliver(string topic, byte[] payload) => _inbound.Enqueue(new InboundMessage(topic, payload));

    public InboundMessage? Receive() => _inbound.Count > 0 ? _inbound.Dequeue() : null;

    /// <summary>The reports published on <paramref name="topic"/>, parsed, oldest first.</summary>
    public List<ConfigReport> Reports(string topic) => Published
        .Where(p => p.Topic == topic)
        .Select(p =>
        {
            Assert.True(p.Retained, "a config report is retained");
            Assert.True(ConfigReport.TryParse(p.Payload, out ConfigReport? report, out string? error), error);
            return report!;
        })
        .ToList();
}

/// <summary>Flash whose writes can be made to fail (a worn or full flash), counting the writes.</summary>
internal sealed class FlakyBlobStore : IBlobStore
{
    private readonly MemoryBlobStore _inner = new();

    public bool Fail { get; set; }
    public int Writes { get; private set; }

    public byte[]? Read(string name) => _inner.Read(name);

    public void Write(string name, byte[] data)
    {
        if (Fail)
        {
            throw new IOException("flash write failed");
        }
        Writes++;
        _inner.Write(name, data);
    }
}

internal sealed class ConfigLogDouble : IConfigLog
{
    public List<ConfigReport> Reports { get; } = [];
    public void Reported(ConfigReport report) => Reports.Add(report);
}

internal static class ConfigDocs
{
    public static readonly byte[] Key = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();
    public static readonly byte[] OtherKey = Enumerable.Range(7, 32).Select(i => (byte)i).ToArray();

    public static byte[] Signed(string device, uint version, params (string Key, string Value)[] settings) =>
        SignedWith(Key, device, version, settings);

    public static byte[] SignedWith(byte[] key, string device, uint version, params (string Key, string Value)[] settings)
    {
        var table = new Hashtable();
        foreach (var (k, v) in settings)
        {
            table[k] = v;
        }
        return new ConfigDocument(device, version, 1_764_000_000_000 + version, table).Sign(HmacNet.Instance, key);
    }

    /// <summary>A document signed correctly over content <see cref="ConfigDocument.Sign"/> would not write (an unknown key, a value out of range).</summary>
    public static byte[] SignedRaw(string body)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        byte[] mac = System.Security.Cryptography.HMACSHA256.HashData(Key, bytes);
        return [.. bytes, .. Encoding.UTF8.GetBytes("sig=" + Convert.ToHexStringLower(mac) + "\n")];
    }
}
