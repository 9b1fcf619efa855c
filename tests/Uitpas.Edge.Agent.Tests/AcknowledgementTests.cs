using MQTTnet;
using Uitpas.Edge.Agent.Events;
using Uitpas.Edge.Agent.Tests.Infrastructure;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Agent.Tests;

public sealed class AcknowledgementTests : AgentTestBase
{
    [Fact]
    public async Task Every_acknowledged_tap_is_already_in_the_database_file_when_its_puback_arrives()
    {
        const int terminals = 3;
        const int tapsEach = 8;
        var connected = await Task.WhenAll(new[] { "term-1", "term-2", "term-fr" }.Take(terminals).Select(id => TerminalAsync(id)));
        var cards = Central.Seed.UnknownChipNumbers;

        await Task.WhenAll(connected.Select(async terminal =>
        {
            for (var sequence = 1u; sequence <= tapsEach; sequence++)
            {
                var ack = await terminal.TapAsync(1, sequence, cards[(int)sequence % cards.Count]);
                Assert.Equal(MqttClientPublishReasonCode.Success, ack.ReasonCode);
                // Read through a connection of our own, straight after the PUBACK: the row is committed.
                Assert.Equal(sequence, (uint)Agent.CountTaps(terminal.DeviceId));
            }
        }));

        Assert.Equal(terminals * tapsEach, Agent.Events.All<TapCommitted>().Count);
        foreach (var terminal in connected)
        {
            await terminal.ResultAsync(1, tapsEach, TapOutcome.Refused);
        }
    }
}
