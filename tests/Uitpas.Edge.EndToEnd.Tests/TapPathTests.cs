using System.Buffers;
using MQTTnet;
using MQTTnet.Protocol;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.VirtualTerminal;

namespace Uitpas.Edge.EndToEnd.Tests;

public sealed class TapPathTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private TapSystem _system = null!;

    public async Task InitializeAsync() => _system = await TapSystem.StartAsync();

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task Known_card_checks_in_exactly_once_and_the_terminal_shows_points_and_total()
    {
        var terminal = await _system.StartTerminalAsync("e2e-01");
        var card = _system.Central.Seed.GoodCards[0];
        int pointsBefore = _system.Central.State.PointsOf(card.PassholderId);

        var seen = await terminal.TapAsync(card.ChipNumber, Timeout);

        Assert.Equal("Ingecheckt", seen.Screen.Title);
        int pointsAfter = _system.Central.State.PointsOf(card.PassholderId);
        string unit = pointsAfter - pointsBefore == 1 ? "punt" : "punten";
        Assert.Equal($"+{pointsAfter - pointsBefore} {unit} · totaal {pointsAfter}", seen.Screen.Detail);
        Assert.Equal(1, _system.Central.State.CheckinCountForChip(card.ChipNumber));
    }

    [Fact]
    public async Task Same_card_again_that_day_shows_centrals_maximum_reached_text()
    {
        var terminal = await _system.StartTerminalAsync("e2e-01");
        var card = _system.Central.Seed.GoodCards[1];
        await terminal.TapAsync(card.ChipNumber, Timeout);

        var again = await terminal.TapAsync(card.ChipNumber, Timeout);

        var oracle = await _system.AskCentralDirectlyAsync(card.ChipNumber);
        Assert.Equal("maximum-reached", oracle.ShortType);
        Assert.Equal("Niet gelukt", again.Screen.Title);
        Assert.Equal(oracle.EndUserMessage("nl"), again.Screen.Detail);
        Assert.Equal(1, _system.Central.State.CheckinCountForChip(card.ChipNumber));
    }

    [Fact]
    public async Task Unknown_card_shows_centrals_not_found_text()
    {
        var terminal = await _system.StartTerminalAsync("e2e-01");
        string chip = _system.Central.Seed.UnknownChipNumbers[0];

        var seen = await terminal.TapAsync(chip, Timeout);

        var oracle = await _system.AskCentralDirectlyAsync(chip);
        Assert.Equal("passholder-not-found", oracle.ShortType);
        Assert.Equal(oracle.EndUserMessage("nl"), seen.Screen.Detail);
        Assert.Empty(_system.Central.State.Checkins);
    }

    [Fact]
    public async Task Blocked_card_shows_centrals_blocked_text()
    {
        var terminal = await _system.StartTerminalAsync("e2e-01");
        string chip = _system.Central.Seed.BlockedCards[0].ChipNumber;

        var seen = await terminal.TapAsync(chip, Timeout);

        var oracle = await _system.AskCentralDirectlyAsync(chip);
        Assert.Equal("card-blocked", oracle.ShortType);
        Assert.Equal(oracle.EndUserMessage("nl"), seen.Screen.Detail);
        Assert.Empty(_system.Central.State.Checkins);
    }

    [Fact]
    public async Task Garbage_from_another_client_is_refused_while_the_terminal_is_served()
    {
        var terminal = await _system.StartTerminalAsync("e2e-01");
        using var rogue = new MqttClientFactory().CreateMqttClient();
        await rogue.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _system.BrokerPort)
            .WithClientId("rogue").WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500).Build());

        var garbage = await rogue.PublishAsync(Message(Topics.Tap("e2e-02"), [1, 1, 0, 0]));
        var unknown = await rogue.PublishAsync(Message(Topics.Tap("nobody"), TapEventCodec.Encode(new TapEvent(1, 1, 0, [4, 1, 2, 3, 4, 5, 6], 0))));
        var seen = await terminal.TapAsync(_system.Central.Seed.GoodCards[2].ChipNumber, Timeout);

        Assert.Equal(MqttClientPublishReasonCode.PayloadFormatInvalid, garbage.ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, unknown.ReasonCode);
        Assert.Equal("Ingecheckt", seen.Screen.Title);
    }

    private static MqttApplicationMessage Message(string topic, byte[] payload) =>
        new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
}
