using System.Text;
using Uitpas.Edge.Protocol.Provisioning;

namespace Uitpas.Edge.Core.Tests.Provisioning;

/// <summary>The Improv Serial packet codec: byte layout, checksum, and a decoder that survives any bytes.</summary>
public sealed class ImprovCodecTests
{
    [Fact]
    public void Wifi_settings_command_has_the_layout_of_the_improv_spec()
    {
        byte[] packet = ImprovPacket.RpcCommand(ImprovCommand.WifiSettings, ["MyWirelessAP", "mysecurepassword"]);

        Assert.Equal("IMPROV"u8.ToArray(), packet[..6]);
        Assert.Equal(new byte[] { 1, 0x03, 32, 0x01, 0x1E, 0x0C }, packet[6..12]);
        Assert.Equal("MyWirelessAP", Encoding.ASCII.GetString(packet, 12, 12));
        Assert.Equal(0x10, packet[24]);
        Assert.Equal("mysecurepassword", Encoding.ASCII.GetString(packet, 25, 16));
        int sum = packet[..^2].Sum(b => b);
        Assert.Equal((byte)(sum & 0xFF), packet[^2]);
        Assert.Equal((byte)'\n', packet[^1]);
    }

    [Fact]
    public void Checksum_is_the_low_byte_of_the_sum_of_every_preceding_byte()
    {
        // IMPROV (0x1DD) + version 1 + type 1 + length 1 + state 2 = 0x1E2 → 0xE2.
        Assert.Equal(new byte[] { (byte)'I', (byte)'M', (byte)'P', (byte)'R', (byte)'O', (byte)'V', 1, 1, 1, 2, 0xE2, (byte)'\n' },
            ImprovPacket.CurrentState(ImprovState.Authorized));
    }

    [Theory]
    [InlineData(ImprovPacket.TypeCurrentState)]
    [InlineData(ImprovPacket.TypeErrorState)]
    [InlineData(ImprovPacket.TypeRpcCommand)]
    [InlineData(ImprovPacket.TypeRpcResult)]
    public void Every_packet_type_round_trips_through_the_decoder(byte type)
    {
        byte[] data = type is ImprovPacket.TypeCurrentState or ImprovPacket.TypeErrorState
            ? [0x03]
            : ImprovRpc.Encode(ImprovCommand.RequestInfo, ["Uitpas.Edge", "1.2.0", "esp32", "vt-001"]);
        var decoder = new ImprovDecoder();

        decoder.Feed(ImprovPacket.Encode(type, data), 0, ImprovPacket.Encode(type, data).Length);

        var packet = decoder.Next();
        Assert.NotNull(packet);
        Assert.Equal(type, packet.Type);
        Assert.Equal(data, packet.Data);
        Assert.Null(decoder.Next());
        Assert.Equal(0, decoder.Rejected);
    }

    [Fact]
    public void Rpc_strings_round_trip_including_empty_and_non_ascii_ones()
    {
        var rpc = ImprovRpc.TryParse(ImprovRpc.Encode(0xA0, ["language", "", "café"]), out string? reason);

        Assert.Null(reason);
        Assert.Equal(0xA0, rpc!.Command);
        Assert.Equal(["language", "", "café"], rpc.Strings);
    }

    [Fact]
    public void Packets_are_found_between_log_lines_and_split_reads()
    {
        byte[] state = ImprovPacket.CurrentState(ImprovState.Provisioned);
        byte[] result = ImprovPacket.RpcResult(ImprovCommand.Commit, ["ok"]);
        byte[] stream = [.. "I (312) boot: ESP-IDF v5.1 IMPRO\r\n"u8, .. state, .. "log IMPROVISED\n"u8, .. result];
        var decoder = new ImprovDecoder();

        foreach (byte b in stream)
        {
            decoder.Feed([b], 0, 1);
        }

        Assert.Equal(ImprovPacket.TypeCurrentState, decoder.Next()!.Type);
        Assert.Equal(["ok"], ImprovRpc.TryParse(decoder.Next()!.Data, out _)!.Strings);
        Assert.Null(decoder.Next());
    }

    [Fact]
    public void Bad_checksum_is_rejected_and_the_next_packet_still_decodes()
    {
        byte[] bad = ImprovPacket.ErrorState(ImprovError.None);
        bad[^2] ^= 0x55;
        byte[] good = ImprovPacket.ErrorState(ImprovError.UnknownRpc);
        var decoder = new ImprovDecoder();

        decoder.Feed([.. bad, .. good], 0, bad.Length + good.Length);

        Assert.Equal(1, decoder.Rejected);
        Assert.Contains("checksum", decoder.LastRejection);
        Assert.Equal([ImprovError.UnknownRpc], decoder.Next()!.Data);
        Assert.Null(decoder.Next());
    }

    [Fact]
    public void Truncated_packet_does_not_swallow_the_packet_after_it()
    {
        byte[] cut = ImprovPacket.RpcResult(ImprovCommand.RequestInfo, ["Uitpas.Edge", "1.0", "esp32", "vt-001"])[..20];
        byte[] good = ImprovPacket.CurrentState(ImprovState.Authorized);
        var decoder = new ImprovDecoder();

        decoder.Feed([.. cut, .. good], 0, cut.Length + good.Length);
        // The cut packet's length still asks for more bytes: the next bytes complete and fail it.
        decoder.Feed(new byte[40], 0, 40);

        Assert.True(decoder.Rejected >= 1);
        var packet = decoder.Next();
        Assert.NotNull(packet);
        Assert.Equal(ImprovPacket.TypeCurrentState, packet.Type);
    }

    [Theory]
    [InlineData(2, 0x01, "version")]
    [InlineData(1, 0x09, "unknown packet type")]
    public void Wrong_version_or_type_is_rejected(byte version, byte type, string reason)
    {
        byte[] packet = ImprovPacket.Encode(type == 0x09 ? (byte)0x01 : type, [0x02]);
        packet[6] = version;
        packet[7] = type;
        var decoder = new ImprovDecoder();

        decoder.Feed(packet, 0, packet.Length);

        Assert.Null(decoder.Next());
        Assert.Contains(reason, decoder.LastRejection);
    }

    [Fact]
    public void Random_garbage_never_throws_and_never_invents_a_packet()
    {
        var random = new Random(6);
        var decoder = new ImprovDecoder();
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
                // Anything decoded from noise passed the checksum; its RPC parse must not throw either.
                ImprovRpc.TryParse(packet.Data, out _);
            }
        }
        decoder.Feed(null!, 0, 5);
        decoder.Feed([1, 2], 1, 9);
        Assert.True(decoder.Rejected > 0);
    }

    [Theory]
    [InlineData(new byte[] { }, "needs a command")]
    [InlineData(new byte[] { 0x01, 0x05, 0x01 }, "length says 5")]
    [InlineData(new byte[] { 0x01, 0x03, 0x05, (byte)'a', (byte)'b' }, "runs past the end")]
    [InlineData(new byte[] { 0x01, 0x02, 0x01, 0xC3 }, "not UTF-8")]
    public void Malformed_rpc_data_is_refused_with_a_reason(byte[] data, string reason)
    {
        Assert.Null(ImprovRpc.TryParse(data, out string? why));
        Assert.Contains(reason, why);
    }

    [Fact]
    public void Rpc_that_does_not_fit_one_packet_is_refused_when_built()
    {
        Assert.Throws<ArgumentException>(() => ImprovRpc.Encode(ImprovCommand.SetSetting, ["broker.ca", new string('A', 250)]));
        Assert.Equal(255, ImprovRpc.Encode(ImprovCommand.SetSetting, ["k", new string('A', 250)]).Length);
    }
}
