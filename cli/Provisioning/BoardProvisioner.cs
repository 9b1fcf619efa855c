using System.Text;
using Uitpas.Edge.Protocol.Provisioning;

namespace Uitpas.Edge.Cli.Provisioning;

/// <summary>
/// Provisions a terminal over a serial port with Improv Serial (docs/protocol.md, "Provisioning
/// over serial (Improv)"): asks who the board is, clears what it may hold uncommitted, sends each
/// device.cfg setting (0xA0, long values continued with 0xA1), the WiFi network (Improv's own
/// RPC), then commits; the board validates and writes device.cfg only then. Errors are values:
/// <see cref="ProvisionResult.Ok"/> false and one sentence, never an exception.
/// </summary>
public static class BoardProvisioner
{
    /// <summary>How long a board may take to join the WiFi network, on top of the answer timeout.</summary>
    public static readonly TimeSpan WifiJoinTime = TimeSpan.FromSeconds(30);

    /// <summary>The longest key or value chunk a board takes in one RPC.</summary>
    private const int MaxString = 250;

    public static ProvisionResult Provision(string port, ProvisioningRequest request, TimeSpan answerTimeout, Action<string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        progress ??= _ => { };
        string? invalid = Validate(request);
        if (invalid is not null)
        {
            return ProvisionResult.Failed(invalid);
        }
        using var link = ImprovLink.Open(port, out string? error);
        if (link is null)
        {
            return ProvisionResult.Failed(error!);
        }
        progress($"asking the board on {port} who it is");
        var info = link.Call(ImprovCommand.RequestInfo, [], answerTimeout, cancellationToken, out error);
        if (info is null)
        {
            return ProvisionResult.Failed(error!);
        }
        var identified = Identity(info);
        progress($"found {identified.FirmwareName} {identified.FirmwareVersion} ({identified.DeviceName})");
        if (link.Call(ImprovCommand.Abort, [], answerTimeout, cancellationToken, out error) is null)
        {
            return ProvisionResult.Failed(Vendor(error!, port));
        }
        foreach (var (key, value) in request.Settings)
        {
            progress($"sending {key}");
            error = SendSetting(link, key, value, answerTimeout, cancellationToken);
            if (error is not null)
            {
                return ProvisionResult.Failed(Vendor(error, port));
            }
        }
        if (request.WifiSsid.Length > 0)
        {
            progress($"sending the WiFi network '{request.WifiSsid}'");
            if (link.Call(ImprovCommand.WifiSettings, [request.WifiSsid, request.WifiPassword], answerTimeout + WifiJoinTime, cancellationToken, out error) is null)
            {
                return ProvisionResult.Failed(error!);
            }
        }
        progress("committing device.cfg");
        var committed = link.Call(ImprovCommand.Commit, [], answerTimeout, cancellationToken, out error);
        if (committed is null)
        {
            return ProvisionResult.Failed(Vendor(error!, port));
        }
        if (committed.Length != 1 || committed[0] != ImprovCommand.CommitOk)
        {
            return ProvisionResult.Failed("the board refused the settings: " + (committed.Length > 0 ? committed[0] : "no reason given"));
        }
        var deviceId = request.Settings.LastOrDefault(s => s.Key == "device").Value;
        return identified with { DeviceName = deviceId ?? identified.DeviceName };
    }

    /// <summary>Asks the board on <paramref name="port"/> for its device information (firmware, version, device name).</summary>
    public static ProvisionResult Identify(string port, TimeSpan answerTimeout, CancellationToken cancellationToken)
    {
        using var link = ImprovLink.Open(port, out string? error);
        if (link is null)
        {
            return ProvisionResult.Failed(error!);
        }
        var info = link.Call(ImprovCommand.RequestInfo, [], answerTimeout, cancellationToken, out error);
        return info is null ? ProvisionResult.Failed(error!) : Identity(info);
    }

    private static ProvisionResult Identity(string[] info) =>
        new(true, null, At(info, 0), At(info, 1), At(info, 3));

    private static string? At(string[] strings, int index) => index < strings.Length ? strings[index] : null;

    /// <summary>Sends one setting: the first chunk with 0xA0, the rest with 0xA1; null when the board took it all.</summary>
    private static string? SendSetting(ImprovLink link, string key, string value, TimeSpan timeout, CancellationToken cancellationToken)
    {
        int room = Math.Min(MaxString, ImprovRpc.MaxBodyLength - 2 - Encoding.UTF8.GetByteCount(key));
        byte command = ImprovCommand.SetSetting;
        int offset = 0;
        do
        {
            int length = ChunkLength(value, offset, room);
            string chunk = value.Substring(offset, length);
            if (link.Call(command, [key, chunk], timeout, cancellationToken, out string? error) is null)
            {
                return error;
            }
            offset += length;
            command = ImprovCommand.AppendSetting;
        }
        while (offset < value.Length);
        return null;
    }

    /// <summary>How many characters from <paramref name="offset"/> fit in <paramref name="maxBytes"/> UTF-8 bytes without splitting a surrogate pair.</summary>
    private static int ChunkLength(string value, int offset, int maxBytes)
    {
        int bytes = 0;
        int i = offset;
        while (i < value.Length)
        {
            int width = char.IsHighSurrogate(value[i]) && i + 1 < value.Length ? 2 : 1;
            int size = Encoding.UTF8.GetByteCount(value.AsSpan(i, width));
            if (bytes + size > maxBytes)
            {
                break;
            }
            bytes += size;
            i += width;
        }
        return i - offset;
    }

    /// <summary>A board that does not know the 0xA0 range answers "unknown RPC command": say it is not an Uitpas.Edge terminal.</summary>
    private static string Vendor(string error, string port) =>
        error.EndsWith(ImprovError.Describe(ImprovError.UnknownRpc), StringComparison.Ordinal)
            ? $"the board on {port} speaks Improv but not the Uitpas.Edge settings extension (is the Uitpas.Edge firmware flashed?)"
            : error;

    private static string? Validate(ProvisioningRequest request)
    {
        if (request.Settings is null || request.Settings.Count == 0)
        {
            return "there are no settings to send";
        }
        foreach (var (key, value) in request.Settings)
        {
            if (string.IsNullOrEmpty(key) || key.Length > MaxString || key[0] == '#' || key.Any(c => c <= ' ' || c > '~' || c == '='))
            {
                return $"setting '{key}' is not a device.cfg key (printable characters without '=' or spaces)";
            }
            if (value is null || value.Contains('\n', StringComparison.Ordinal) || value.Contains('\r', StringComparison.Ordinal))
            {
                return $"setting '{key}' must be one line";
            }
        }
        if (request.WifiSsid is null || request.WifiPassword is null)
        {
            return "the WiFi network name and password must be given (an empty name sends none)";
        }
        if (request.WifiSsid.Length > 0 && (Encoding.UTF8.GetByteCount(request.WifiSsid) > 32 || Encoding.UTF8.GetByteCount(request.WifiPassword) > 64))
        {
            return "the WiFi network name is at most 32 bytes and its password at most 64";
        }
        if (request.WifiSsid.Contains('\n', StringComparison.Ordinal) || request.WifiPassword.Contains('\n', StringComparison.Ordinal))
        {
            return "the WiFi network name and password must be one line";
        }
        return null;
    }
}
