using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;
using Uitpas.Edge.Agent.Events;
using Uitpas.Edge.Agent.Tests.Infrastructure;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Agent.Tests;

public sealed class RefusalTests : AgentTestBase
{
    public static TheoryData<string, string, int, string> BadPublishes => new()
    {
        // case, topic, payload kind (0 malformed, 1 good tap, 2 oversized), expected reason code
        { "malformed payload", "uitpas/v1/t/term-1/tap", 0, nameof(MqttClientPublishReasonCode.PayloadFormatInvalid) },
        { "unknown device", "uitpas/v1/t/ghost-7/tap", 1, nameof(MqttClientPublishReasonCode.NotAuthorized) },
        { "oversized payload", "uitpas/v1/t/term-1/tap", 2, nameof(MqttClientPublishReasonCode.QuotaExceeded) },
        { "wrong topic", "uitpas/v1/t/term-1/taps", 1, nameof(MqttClientPublishReasonCode.TopicNameInvalid) },
        { "foreign topic", "venue/lights/on", 1, nameof(MqttClientPublishReasonCode.TopicNameInvalid) },
    };

    [Theory]
    [MemberData(nameof(BadPublishes))]
    public async Task A_bad_publish_is_refused_with_a_reason_code_and_a_logged_reason_while_another_terminal_is_served(
        string @case, string topic, int payloadKind, string expectedCode)
    {
        var offender = await TerminalAsync("term-1", subscribe: false);
        var neighbour = await TerminalAsync("term-2");
        var payload = payloadKind switch
        {
            0 => [1, 1, 0, 0],
            1 => TestTerminal.Tap(1, 1, GoodCard(7)),
            _ => new byte[200],
        };

        var refusedTask = offender.PublishAsync(topic, payload);
        var servedTask = neighbour.TapAsync(6, 1, GoodCard(8));
        var refused = await refusedTask;
        var served = await servedTask;

        Assert.Equal(expectedCode, refused.ReasonCode.ToString());
        Assert.False(string.IsNullOrEmpty(refused.ReasonString), @case);
        Assert.Equal(MqttClientPublishReasonCode.Success, served.ReasonCode);
        await neighbour.ResultAsync(6, 1, TapOutcome.CheckedIn);
        var refusal = await Agent.Events.WaitAsync<TapRefused>(r => r.Topic == topic);
        Assert.Equal(refused.ReasonString, refusal.Reason);
        Assert.Contains(Agent.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains(refusal.Reason, StringComparison.Ordinal) && e.Message.Contains(topic, StringComparison.Ordinal));
        Assert.DoesNotContain(Agent.Events.All<TapCommitted>(), c => c.DeviceId == "term-1");
        Assert.Equal(0, Agent.CountTaps("term-1"));
        Assert.True(offender.IsConnected, "a refused publish does not cost the terminal its connection");
    }

    [Fact]
    public async Task A_malformed_tap_is_logged_with_the_decoder_s_reason_and_without_the_card()
    {
        var offender = await TerminalAsync("term-1", subscribe: false);
        var tap = TestTerminal.Tap(1, 1, GoodCard(9));
        tap[0] = 9;

        var refused = await offender.PublishAsync(Topics.Tap("term-1"), tap);

        Assert.Equal(MqttClientPublishReasonCode.PayloadFormatInvalid, refused.ReasonCode);
        Assert.Equal("unsupported tap format version 9", refused.ReasonString);
        var logged = Assert.Single(Agent.Logs.Entries, e => e.EventId.Id == 3004);
        Assert.Contains("unsupported tap format version 9", logged.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(GoodCard(9), logged.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_terminal_cannot_publish_on_another_terminal_s_result_topic()
    {
        var intruder = await TerminalAsync("term-1", subscribe: false);
        var victim = await TerminalAsync("term-2");
        var forged = TapResultCodec.Encode(new TapResult(6, 2, TapOutcome.CheckedIn, 100, 1000, string.Empty, "forged"));

        var refused = await intruder.PublishAsync(Topics.Result("term-2"), forged);

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, refused.ReasonCode);
        await Agent.Events.WaitAsync<TapRefused>(r => r.Kind == RefusalKind.NotAuthorized && r.Topic == Topics.Result("term-2"));
        // The victim's next message is the agent's answer to its own tap, not the forgery.
        await victim.TapAsync(6, 2, GoodCard(10));
        await victim.ResultAsync(6, 2, TapOutcome.CheckedIn);
        var only = Assert.Single(victim.Results.All);
        Assert.NotEqual("forged", only.Message);
    }

    [Fact]
    public async Task A_terminal_cannot_subscribe_to_every_terminal_s_results_or_taps()
    {
        var snoop = await TerminalAsync("term-1", subscribe: false);

        var wildcard = await snoop.SubscribeAsync("uitpas/v1/t/+/result");
        var taps = await snoop.SubscribeAsync(Topics.Tap("term-2"));
        var own = await snoop.SubscribeAsync(Topics.Result("term-1"));

        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, wildcard.Items.Single().ResultCode);
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, taps.Items.Single().ResultCode);
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, own.Items.Single().ResultCode);
    }

    [Fact]
    public async Task A_packet_over_the_maximum_packet_size_disconnects_its_sender_with_packet_too_large()
    {
        var offender = await TerminalAsync("term-1", subscribe: false);

        await Assert.ThrowsAnyAsync<Exception>(() => offender.PublishAsync(Topics.Tap("term-1"), new byte[4096]));

        await Agent.Events.WaitAsync<TapRefused>(r => r.Kind == RefusalKind.PayloadTooLarge && r.Reason.Contains("maximum packet size", StringComparison.Ordinal));
        Assert.Equal(0, Agent.CountTaps("term-1"));
        var disconnection = await offender.Disconnections.WaitAsync(_ => true, "the offender's disconnection");
        Assert.Equal(MqttClientDisconnectReason.PacketTooLarge, disconnection.Reason);
    }
}
