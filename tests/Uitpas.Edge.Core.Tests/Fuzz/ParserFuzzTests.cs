using System.Collections;
using System.Security.Cryptography;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.Protocol.Config;
using Uitpas.Edge.Protocol.Distribution;
using Uitpas.Edge.Protocol.Presence;
using Uitpas.Edge.Protocol.Provisioning;
using Uitpas.Edge.Protocol.Snapshots;

namespace Uitpas.Edge.Core.Tests.Fuzz;

/// <summary>
/// Tens of thousands of random payloads through the parsers: host-only, because the same loops take
/// minutes on the device's interpreter and .NET's Random gives other bytes there. The deterministic
/// cases of the same parsers are device cases (firmware/device-tests/Cases).
/// </summary>
public sealed class ParserFuzzTests
{
    [Fact]
    public void Random_bytes_never_throw_and_never_decode_to_an_invalid_tap()
    {
        var random = new Random(1234);
        for (int i = 0; i < 20_000; i++)
        {
            byte[] payload = new byte[random.Next(0, 40)];
            random.NextBytes(payload);
            if (i % 2 == 0 && payload.Length >= 20) { payload[0] = 1; payload[1] = 1; }
            if (TapEventCodec.TryDecode(payload, out var tap, out _))
            {
                Assert.True(ChipUid.IsValidLength(tap.ChipUid.Length));
                Assert.NotEqual(0u, tap.Sequence);
            }
            TapResultCodec.TryDecode(payload, out _, out _);
        }
    }

    [Fact]
    public void Random_bytes_never_throw_out_of_the_distribution_parsers()
    {
        var random = new Random(11);
        for (int i = 0; i < 20_000; i++)
        {
            byte[] junk = new byte[random.Next(0, 1200)];
            random.NextBytes(junk);
            if (i % 3 == 0)
            {
                // Mostly-text junk reaches the field checks, not only the UTF-8 check.
                for (int k = 0; k < junk.Length; k++) junk[k] = (byte)"kind=evtsalowl0123456789\n= -"[junk[k] % 28];
            }
            SnapshotManifest.TryParse(junk, out _, out _);
            ChunkRequest.TryParse(junk, out _, out _);
            ChunkAnswer.TryParse(junk, out _, out _);
            AppliedReport.TryParse(junk, out _, out _);
        }
    }

    [Fact]
    public void Random_and_mutated_status_bytes_never_throw_and_always_give_a_status_or_a_reason()
    {
        var valid = new TerminalStatus
        {
            State = TerminalStatus.Online,
            BootEpoch = 4_000_000_000,
            UptimeMs = 123_456_789_012,
            SentAtUnixMs = 1_790_000_123_456,
            LastTapUnixMs = 1_790_000_000_001,
            TapsSinceBoot = 812,
            Reader = TerminalStatus.ReaderDegraded,
            ReaderFaults = 3,
            ReaderResets = 2,
            JournalDepth = 41,
            AllowlistVersion = 12,
            EventsVersion = 5,
            Firmware = "2.0.1+5f0c9a1d2e3b4c5d6e7f8091a2b3c4d5e6f70812",
            ConfigVersion = 9,
        }.Encode();
        var random = new Random(5);
        for (int i = 0; i < 20_000; i++)
        {
            var bytes = i % 2 == 0 ? new byte[random.Next(0, 600)] : (byte[])valid.Clone();
            if (i % 2 == 0)
            {
                random.NextBytes(bytes);
            }
            else
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }
            bool ok = TerminalStatus.TryParse(bytes, out var status, out var error);
            Assert.True(ok ? status is not null && error is null : status is null && error is not null);
        }
    }

    [Fact]
    public void Random_and_mutated_config_documents_never_throw_and_are_refused_with_a_known_reason()
    {
        var table = new Hashtable { [ConfigSettings.Language] = "nl", [ConfigSettings.RetapWindowMs] = "0" };
        byte[] good = new ConfigDocument("vt-001", 9, 1_764_000_000_000, table).Sign(new NetHmac(), [.. Enumerable.Range(1, 32).Select(i => (byte)i)]);
        var random = new Random(6);
        for (int i = 0; i < 5000; i++)
        {
            byte[] bytes = i % 2 == 0 ? new byte[random.Next(0, 1100)] : (byte[])good.Clone();
            if (i % 2 == 0)
            {
                random.NextBytes(bytes);
            }
            else
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }
            ConfigDocument? doc = ConfigDocument.TryParse(bytes, out string? reason, out string? detail);
            Assert.True(doc is not null || (ConfigRefusal.IsKnown(reason!) && detail is not null));
        }
    }

    [Fact]
    public void Random_garbage_never_throws_out_of_the_improv_decoder_and_never_invents_a_packet()
    {
        var random = new Random(6);
        var decoder = new ImprovDecoder();
        int decoded = 0;
        for (int round = 0; round < 2000; round++)
        {
            var bytes = new byte[random.Next(0, 300)];
            random.NextBytes(bytes);
            if (round % 3 == 0 && bytes.Length > 9)
            {
                "IMPROV"u8.CopyTo(bytes.AsSpan(random.Next(0, bytes.Length - 9)));
            }
            decoder.Feed(bytes, 0, bytes.Length);
            for (var packet = decoder.Next(); packet is not null; packet = decoder.Next())
            {
                // Anything decoded from noise passed the checksum and names a known type; its RPC parse must not throw either.
                Assert.True(ImprovPacket.IsKnownType(packet.Type));
                ImprovRpc.TryParse(packet.Data, out _);
                decoded++;
            }
        }
        Assert.True(decoder.Rejected > 0);
        Assert.True(decoded < decoder.Rejected, $"{decoded} packets decoded from noise, {decoder.Rejected} rejected");
    }

    private sealed class NetHmac : IHmacSha256
    {
        public byte[] Compute(byte[] key, byte[] data, int offset, int count) => HMACSHA256.HashData(key, data.AsSpan(offset, count));
    }
}
