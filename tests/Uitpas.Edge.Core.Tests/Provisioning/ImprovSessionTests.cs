using Uitpas.Edge.Core.Provisioning;
using Uitpas.Edge.Protocol.Provisioning;

namespace Uitpas.Edge.Core.Tests.Provisioning;

/// <summary>The terminal's side of Improv: settings collected, validated on commit, written only then.</summary>
public sealed class ImprovSessionTests
{
    private readonly FakeBoard _board = new();
    private readonly ImprovSession _session;

    public ImprovSessionTests()
    {
        _session = new ImprovSession(_board, "Uitpas.Edge", "1.4.0", "esp32-wroom-32", "unprovisioned", provisioned: false);
    }

    [Fact]
    public void Settings_then_commit_write_device_cfg_in_the_order_sent()
    {
        Assert.Empty(Call(ImprovCommand.SetSetting, "device", "vt-001"));
        Assert.Empty(Call(ImprovCommand.SetSetting, "broker.host", "broker.venue.local"));
        Assert.Empty(Call(ImprovCommand.SetSetting, "language", "fr"));
        Assert.Empty(Call(ImprovCommand.WifiSettings, "Bib Gent", "s3cret"));
        Assert.Null(_board.Written);

        Assert.Equal(["ok"], Call(ImprovCommand.Commit));

        Assert.Equal("device=vt-001\nbroker.host=broker.venue.local\nlanguage=fr\nwifi.ssid=Bib Gent\nwifi.password=s3cret\n", _board.Written);
        Assert.Equal("vt-001", _session.Committed!.DeviceId);
        Assert.Equal(ImprovState.Provisioned, _session.State);
        Assert.Equal("vt-001", Call(ImprovCommand.RequestInfo)[3]);
    }

    [Fact]
    public void Invalid_settings_are_refused_naming_the_line_and_nothing_is_written()
    {
        Call(ImprovCommand.SetSetting, "device", "vt-001");
        Call(ImprovCommand.SetSetting, "wifi.ssid", "net");
        Call(ImprovCommand.SetSetting, "broker.port", "70000");
        Call(ImprovCommand.SetSetting, "broker.host", "h");

        Assert.Equal(["line 3: broker.port must be a number from 1 to 65535"], Call(ImprovCommand.Commit));
        Assert.Null(_board.Written);
        Assert.Null(_session.Committed);
        Assert.Equal(ImprovState.Authorized, _session.State);
    }

    [Fact]
    public void Missing_setting_and_unknown_key_are_refused_at_commit()
    {
        Call(ImprovCommand.SetSetting, "device", "vt-001");
        Assert.Equal(["wifi.ssid is missing"], Call(ImprovCommand.Commit));
        Call(ImprovCommand.SetSetting, "colour", "red");
        Assert.Equal(["line 2: unknown key 'colour'"], Call(ImprovCommand.Commit));
        Assert.Null(_board.Written);
    }

    [Fact]
    public void Abort_forgets_the_pending_settings()
    {
        Call(ImprovCommand.SetSetting, "device", "vt-001");
        Call(ImprovCommand.WifiSettings, "net", "pw");
        Assert.Equal(3, _session.PendingCount);

        Assert.Empty(Call(ImprovCommand.Abort));

        Assert.Equal(0, _session.PendingCount);
        Assert.Equal(["no settings to commit"], Call(ImprovCommand.Commit));
        Assert.Null(_board.Written);
    }

    [Fact]
    public void Long_value_is_sent_in_parts_with_append()
    {
        string ca = Convert.ToBase64String([0x30, .. Enumerable.Range(0, 600).Select(i => (byte)i)]);
        Call(ImprovCommand.SetSetting, "device", "vt-001");
        Call(ImprovCommand.SetSetting, "wifi.ssid", "net");
        Call(ImprovCommand.SetSetting, "broker.host", "h");
        Call(ImprovCommand.SetSetting, "broker.tls", "true");
        Call(ImprovCommand.SetSetting, "broker.ca", ca[..200]);
        for (int at = 200; at < ca.Length; at += 200)
        {
            Assert.Empty(Call(ImprovCommand.AppendSetting, "broker.ca", ca[at..Math.Min(ca.Length, at + 200)]));
        }

        Assert.Equal(["ok"], Call(ImprovCommand.Commit));
        Assert.Equal(601, _session.Committed!.BrokerCaCertificate.Length);
    }

    [Fact]
    public void Setting_a_key_again_replaces_its_value()
    {
        Call(ImprovCommand.SetSetting, "device", "vt-001");
        Call(ImprovCommand.SetSetting, "wifi.ssid", "net");
        Call(ImprovCommand.SetSetting, "broker.host", "old");
        Call(ImprovCommand.SetSetting, "broker.host", "new");

        Assert.Equal(["ok"], Call(ImprovCommand.Commit));
        Assert.Equal("device=vt-001\nwifi.ssid=net\nbroker.host=new\n", _board.Written);
    }

    [Fact]
    public void Wifi_rpc_joins_the_network_and_reports_the_improv_states()
    {
        var replies = Exchange(ImprovPacket.RpcCommand(ImprovCommand.WifiSettings, ["Bib Gent", "s3cret"]));

        Assert.Equal(("Bib Gent", "s3cret"), _board.Joined);
        Assert.Equal([ImprovState.Provisioning, ImprovState.Provisioned], States(replies));
        Assert.Contains(replies, p => p.Type == ImprovPacket.TypeRpcResult && p.Data[0] == ImprovCommand.WifiSettings);
    }

    [Fact]
    public void Wifi_that_cannot_be_joined_gives_the_unable_to_connect_error()
    {
        _board.WifiWorks = false;

        var replies = Exchange(ImprovPacket.RpcCommand(ImprovCommand.WifiSettings, ["Bib Gent", "wrong"]));

        Assert.Contains(replies, p => p.Type == ImprovPacket.TypeErrorState && p.Data[0] == ImprovError.UnableToConnect);
        Assert.Equal(ImprovState.Authorized, _session.State);
        Assert.Equal(0, _session.PendingCount);
    }

    [Fact]
    public void Device_info_and_state_are_answered()
    {
        Assert.Equal(["Uitpas.Edge", "1.4.0", "esp32-wroom-32", "unprovisioned"], Call(ImprovCommand.RequestInfo));

        var replies = Exchange(ImprovPacket.RpcCommand(ImprovCommand.RequestState, []));
        Assert.Equal([ImprovState.Authorized], States(replies));
    }

    [Fact]
    public void Unknown_command_and_malformed_rpc_give_error_states_not_exceptions()
    {
        Assert.Contains(Exchange(ImprovPacket.RpcCommand(0x7E, [])), p => p.Type == ImprovPacket.TypeErrorState && p.Data[0] == ImprovError.UnknownRpc);
        Assert.Contains(Exchange(ImprovPacket.Encode(ImprovPacket.TypeRpcCommand, [0xA0, 9, 1])), p => p.Type == ImprovPacket.TypeErrorState && p.Data[0] == ImprovError.InvalidRpc);
        Assert.Contains(Exchange(ImprovPacket.RpcCommand(ImprovCommand.SetSetting, ["bad=key", "x"])), p => p.Data[0] == ImprovError.InvalidRpc);
        Assert.Contains(Exchange(ImprovPacket.RpcCommand(ImprovCommand.SetSetting, ["device", "a\nbroker.host=evil"])), p => p.Data[0] == ImprovError.InvalidRpc);
        Assert.Contains(Exchange(ImprovPacket.RpcCommand(ImprovCommand.AppendSetting, ["device", "x"])), p => p.Data[0] == ImprovError.InvalidRpc);
        Assert.Equal(0, _session.PendingCount);
    }

    [Fact]
    public void Write_failure_is_the_commit_result_and_the_settings_stay_pending()
    {
        _board.WriteProblem = "flash full";
        Call(ImprovCommand.SetSetting, "device", "vt-001");
        Call(ImprovCommand.SetSetting, "wifi.ssid", "net");
        Call(ImprovCommand.SetSetting, "broker.host", "h");

        Assert.Equal(["could not write device.cfg: flash full"], Call(ImprovCommand.Commit));
        Assert.Null(_session.Committed);

        _board.WriteProblem = null;
        Assert.Equal(["ok"], Call(ImprovCommand.Commit));
    }

    [Fact]
    public void Garbage_bytes_between_commands_are_ignored()
    {
        var noise = new byte[300];
        new Random(3).NextBytes(noise);

        Assert.Empty(_session.Feed(noise, 0, noise.Length));
        Assert.Equal(["Uitpas.Edge", "1.4.0", "esp32-wroom-32", "unprovisioned"], Call(ImprovCommand.RequestInfo));
    }

    /// <summary>Sends one RPC and returns the strings of its result; fails when there is none.</summary>
    private string[] Call(byte command, params string[] strings)
    {
        var replies = Exchange(ImprovPacket.RpcCommand(command, strings));
        var result = replies.LastOrDefault(p => p.Type == ImprovPacket.TypeRpcResult);
        Assert.True(result is not null, $"no RPC result for 0x{command:x2}");
        var rpc = ImprovRpc.TryParse(result.Data, out _);
        Assert.Equal(command, rpc!.Command);
        return rpc.Strings;
    }

    private List<ImprovPacket> Exchange(byte[] packet)
    {
        byte[] reply = _session.Feed(packet, 0, packet.Length);
        var decoder = new ImprovDecoder();
        decoder.Feed(reply, 0, reply.Length);
        Assert.Equal(0, decoder.Rejected);
        var packets = new List<ImprovPacket>();
        for (var p = decoder.Next(); p is not null; p = decoder.Next())
        {
            packets.Add(p);
        }
        return packets;
    }

    private static byte[] States(List<ImprovPacket> packets) =>
        [.. packets.Where(p => p.Type == ImprovPacket.TypeCurrentState).Select(p => p.Data[0])];

    private sealed class FakeBoard : IImprovDevice
    {
        public string? Written { get; private set; }
        public string? WriteProblem { get; set; }
        public bool WifiWorks { get; set; } = true;
        public (string Ssid, string Password)? Joined { get; private set; }

        public string? WriteDeviceConfig(string text)
        {
            if (WriteProblem is not null)
            {
                return WriteProblem;
            }
            Written = text;
            return null;
        }

        public bool ConnectWifi(string ssid, string password)
        {
            Joined = (ssid, password);
            return WifiWorks;
        }
    }
}
