using System.Net;
using System.Net.Sockets;

namespace Uitpas.Edge.Bench.Ingest.Mqtt;

/// <summary>An application message received on a <see cref="RawMqttConnection"/> (already acknowledged at QoS 1).</summary>
public delegate void PublishReceived(RawMqttConnection connection, ReadOnlySpan<byte> topic, ReadOnlySpan<byte> payload);

/// <summary>
/// One MQTT 5 connection over a plain socket: a receive loop that parses packets in place,
/// acknowledges QoS 1 deliveries, and reports PUBACKs and deliveries through callbacks run on
/// the loop. Whatever a callback queues with <see cref="QueueWhileReceiving"/> leaves in one
/// send with the acknowledgements of the same read, so an echoing subscriber costs one system
/// call per read, not per message.
/// </summary>
public sealed class RawMqttConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly MemoryStream _outgoing = new();
    private readonly TaskCompletionSource<byte> _connAck = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource<byte>? _subAck;
    private byte[] _buffer = new byte[1024];
    private Task? _receiveLoop;

    private RawMqttConnection(Socket socket, string clientId)
    {
        _socket = socket;
        ClientId = clientId;
    }

    /// <summary>The client id sent in CONNECT.</summary>
    public string ClientId { get; }

    /// <summary>A PUBACK arrived: packet id and reason code (0 = Success).</summary>
    public Action<ushort, byte>? PubAckReceived { get; set; }

    /// <summary>An application message arrived.</summary>
    public PublishReceived? PublishReceived { get; set; }

    /// <summary>The connection ended (by either side, or a protocol error).</summary>
    public Action<RawMqttConnection, Exception?>? Closed { get; set; }

    /// <summary>Most unacknowledged QoS 1 publishes the server accepts from us (CONNACK Receive Maximum).</summary>
    public ushort ServerReceiveMaximum { get; private set; } = ushort.MaxValue;

    /// <summary>True until the receive loop ended.</summary>
    public bool IsOpen { get; private set; }

    /// <summary>Opens the socket, sends CONNECT and waits for CONNACK Success.</summary>
    public static async Task<RawMqttConnection> ConnectAsync(IPEndPoint endPoint, string clientId, ushort keepAliveSeconds, ushort receiveMaximum, CancellationToken cancellationToken)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var connection = new RawMqttConnection(socket, clientId);
        try
        {
            await socket.ConnectAsync(endPoint, cancellationToken).ConfigureAwait(false);
            connection.IsOpen = true;
            connection._receiveLoop = Task.Run(connection.ReceiveLoopAsync, CancellationToken.None);
            await connection.SendAsync(MqttWire.EncodeConnect(clientId, keepAliveSeconds, receiveMaximum), cancellationToken).ConfigureAwait(false);
            var reason = await connection._connAck.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (reason != 0)
            {
                throw new IOException($"CONNACK reason 0x{reason:X2} for {clientId}");
            }
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Subscribes to one filter at QoS 1 and waits for SUBACK.</summary>
    public async Task SubscribeAsync(string filter, CancellationToken cancellationToken)
    {
        _subAck = new TaskCompletionSource<byte>(TaskCreationOptions.RunContinuationsAsynchronously);
        await SendAsync(MqttWire.EncodeSubscribe(1, filter), cancellationToken).ConfigureAwait(false);
        var reason = await _subAck.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (reason > 2)
        {
            throw new IOException($"SUBACK reason 0x{reason:X2} for {filter}");
        }
    }

    /// <summary>Sends bytes (whole packets) now.</summary>
    public async ValueTask SendAsync(ReadOnlyMemory<byte> packets, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (!packets.IsEmpty)
            {
                var sent = await _socket.SendAsync(packets, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                packets = packets[sent..];
            }
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>From a <see cref="PublishReceived"/> callback only: sends <paramref name="packet"/> with this read's acknowledgements.</summary>
    public void QueueWhileReceiving(ReadOnlySpan<byte> packet) => _outgoing.Write(packet);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (IsOpen)
        {
            try
            {
                await SendAsync(MqttWire.DisconnectPacket, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is SocketException or IOException or TimeoutException or ObjectDisposedException)
            {
                // closing anyway
            }
        }
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // not connected
        }
        _socket.Dispose();
        if (_receiveLoop is not null)
        {
            await _receiveLoop.ConfigureAwait(false);
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var filled = 0;
        Exception? failure = null;
        try
        {
            while (true)
            {
                if (filled == _buffer.Length)
                {
                    Array.Resize(ref _buffer, _buffer.Length * 2);
                }
                var read = await _socket.ReceiveAsync(_buffer.AsMemory(filled), SocketFlags.None).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }
                filled += read;
                var consumed = Parse(_buffer.AsSpan(0, filled));
                if (consumed > 0)
                {
                    Buffer.BlockCopy(_buffer, consumed, _buffer, 0, filled - consumed);
                    filled -= consumed;
                }
                if (_outgoing.Length > 0)
                {
                    var bytes = _outgoing.GetBuffer().AsMemory(0, (int)_outgoing.Length);
                    await SendAsync(bytes, CancellationToken.None).ConfigureAwait(false);
                    _outgoing.SetLength(0);
                }
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException or IOException or InvalidDataException or OperationCanceledException)
        {
            failure = exception;
        }
        IsOpen = false;
        _connAck.TrySetException(failure ?? new IOException("connection closed before CONNACK"));
        _subAck?.TrySetException(failure ?? new IOException("connection closed before SUBACK"));
        Closed?.Invoke(this, failure);
    }

    private int Parse(ReadOnlySpan<byte> data)
    {
        var offset = 0;
        Span<byte> ack = stackalloc byte[4];
        while (MqttWire.TryReadHeader(data[offset..], out var headerLength, out var remaining))
        {
            var first = data[offset];
            var body = data.Slice(offset + headerLength, remaining);
            offset += headerLength + remaining;
            switch (first >> 4)
            {
                case MqttWire.PubAck:
                    MqttWire.ParsePubAck(body, out var id, out var reason);
                    PubAckReceived?.Invoke(id, reason);
                    break;
                case MqttWire.Publish:
                    MqttWire.ParsePublish((byte)(first & 0x0F), body, out var topic, out var packetId, out var payload);
                    if (packetId != 0)
                    {
                        MqttWire.WritePubAck(ack, packetId);
                        _outgoing.Write(ack);
                    }
                    PublishReceived?.Invoke(this, topic, payload);
                    break;
                case MqttWire.ConnAck:
                    ServerReceiveMaximum = MqttWire.ConnAckReceiveMaximum(body);
                    _connAck.TrySetResult(body[1]);
                    break;
                case MqttWire.SubAck:
                    // packet id (2), properties length (1 when empty), reason codes
                    _subAck?.TrySetResult(body[^1]);
                    break;
                case MqttWire.PingResp:
                    break;
                case MqttWire.Disconnect:
                    throw new IOException($"server sent DISCONNECT reason 0x{(body.Length > 0 ? body[0] : 0):X2}");
                default:
                    throw new InvalidDataException($"unexpected packet type {first >> 4}");
            }
        }
        return offset;
    }
}
