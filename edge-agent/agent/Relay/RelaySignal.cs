using System.Threading.Channels;

namespace Uitpas.Edge.Agent.Relay;

/// <summary>Wakes the relay for a device as soon as one of its taps is committed.</summary>
public sealed class RelaySignal
{
    private readonly Channel<string> _devices = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Tells the relay that <paramref name="deviceId"/> has a new committed tap.</summary>
    public void Notify(string deviceId) => _devices.Writer.TryWrite(deviceId);

    internal ChannelReader<string> Reader => _devices.Reader;
}
