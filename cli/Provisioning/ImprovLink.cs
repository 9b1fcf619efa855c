using System.Globalization;
using System.IO.Ports;
using Uitpas.Edge.Protocol.Provisioning;

namespace Uitpas.Edge.Cli.Provisioning;

/// <summary>
/// The host end of Improv Serial on one port (115200 8N1, no handshake): sends an RPC command and
/// waits for its result, an error state, or the answer timeout. Other output on the line (a
/// board's boot log) is skipped by the decoder.
/// </summary>
internal sealed class ImprovLink : IDisposable
{
    public const int BaudRate = 115200;
    private readonly SerialPort _port;
    private readonly ImprovDecoder _decoder = new();
    private readonly byte[] _buffer = new byte[512];

    private ImprovLink(SerialPort port, string name)
    {
        _port = port;
        Name = name;
    }

    public string Name { get; }

    /// <summary>The last current-state byte the board sent; 0 before any.</summary>
    public byte LastState { get; private set; }

    /// <summary>Opens the port; null with a sentence in <paramref name="error"/> when it does not exist or cannot be opened.</summary>
    public static ImprovLink? Open(string name, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(name))
        {
            error = "no serial port given";
            return null;
        }
        if (!Exists(name))
        {
            error = $"port {name} does not exist";
            return null;
        }
        var port = new SerialPort(name, BaudRate, Parity.None, 8, StopBits.One)
        {
            Handshake = Handshake.None,
            ReadTimeout = 50,
            WriteTimeout = 2000,
            DtrEnable = false,
            RtsEnable = false,
        };
        try
        {
            port.Open();
            port.DiscardInBuffer();
            return new ImprovLink(port, name);
        }
        catch (UnauthorizedAccessException)
        {
            port.Dispose();
            error = $"port {name} cannot be opened: access denied (is another program using it, or is this user not allowed to, e.g. not in the dialout group?)";
            return null;
        }
        catch (Exception exception) when (exception is IOException or ArgumentException or InvalidOperationException)
        {
            port.Dispose();
            error = $"port {name} cannot be opened: {exception.Message}";
            return null;
        }
    }

    /// <summary>
    /// Sends the RPC and waits for its result. Returns the result strings, or null with
    /// <paramref name="error"/> set: the board's error state, silence, or cancellation.
    /// </summary>
    public string[]? Call(byte command, string[] strings, TimeSpan timeout, CancellationToken cancellationToken, out string? error)
    {
        error = null;
        try
        {
            byte[] packet = ImprovPacket.RpcCommand(command, strings);
            _port.Write(packet, 0, packet.Length);
        }
        catch (Exception exception) when (exception is IOException or TimeoutException or InvalidOperationException)
        {
            error = $"cannot write to {Name}: {exception.Message}";
            return null;
        }
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                error = "provisioning was cancelled";
                return null;
            }
            for (var packet = _decoder.Next(); packet is not null; packet = _decoder.Next())
            {
                if (packet.Type == ImprovPacket.TypeCurrentState && packet.Data.Length == 1)
                {
                    LastState = packet.Data[0];
                }
                else if (packet.Type == ImprovPacket.TypeErrorState && packet.Data.Length == 1 && packet.Data[0] != ImprovError.None)
                {
                    error = $"the board on {Name} answered with an error: {ImprovError.Describe(packet.Data[0])}";
                    return null;
                }
                else if (packet.Type == ImprovPacket.TypeRpcResult)
                {
                    var result = ImprovRpc.TryParse(packet.Data, out _);
                    if (result is not null && result.Command == command)
                    {
                        return result.Strings;
                    }
                }
            }
            if (!Receive(out error))
            {
                return null;
            }
        }
        error = $"the board on {Name} did not answer within {Seconds(timeout)}";
        return null;
    }

    public void Dispose()
    {
        try
        {
            _port.Close();
        }
        catch (IOException)
        {
            // The board went away (unplugged): nothing left to close.
        }
        _port.Dispose();
    }

    private bool Receive(out string? error)
    {
        error = null;
        try
        {
            int count = _port.Read(_buffer, 0, _buffer.Length);
            _decoder.Feed(_buffer, 0, count);
        }
        catch (TimeoutException)
        {
            // Nothing within the read timeout: the caller checks its deadline.
        }
        catch (Exception exception) when (exception is IOException or InvalidOperationException)
        {
            error = $"cannot read from {Name}: {exception.Message}";
            return false;
        }
        return true;
    }

    private static bool Exists(string name) =>
        OperatingSystem.IsWindows()
            ? SerialPort.GetPortNames().Contains(name, StringComparer.OrdinalIgnoreCase)
            : File.Exists(name);

    internal static string Seconds(TimeSpan timeout) => timeout.TotalSeconds >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{timeout.TotalSeconds:0.#} s")
        : string.Create(CultureInfo.InvariantCulture, $"{timeout.TotalMilliseconds:0} ms");
}
