namespace Uitpas.Edge.VirtualTerminal.Adapters;

/// <summary>
/// Where the terminal's MQTT broker is, and how it logs in: user name and password (the
/// device's credentials from <c>uitpas-edge device credentials</c>), and TLS with the region's
/// CA certificate as the only trust anchor (<see cref="CaFile"/>; null = the system's store).
/// </summary>
public sealed record BrokerEndpoint(string Host, int Port, string? Username = null, string? Password = null)
{
    /// <summary>Connect over TLS (the host name is checked against the server certificate).</summary>
    public bool UseTls { get; init; }

    /// <summary>PEM file of the CA that signed the broker's certificate (the CLI's ca.crt).</summary>
    public string? CaFile { get; init; }

    /// <summary>
    /// Reads a credentials file as <c>uitpas-edge device credentials --out</c> writes it
    /// (<c>mqtt.username=…</c> and <c>mqtt.password=…</c> lines; blank lines and '#' comments
    /// skipped); null with <paramref name="error"/> naming the problem.
    /// </summary>
    public static (string User, string Password)? TryReadCredentials(string path, out string? error)
    {
        error = null;
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            error = $"credentials file '{path}' cannot be read: {exception.Message}";
            return null;
        }
        string? user = null;
        string? password = null;
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            int eq = line.IndexOf('=');
            string key = eq > 0 ? line[..eq].Trim() : string.Empty;
            if (key == "mqtt.username")
            {
                user = line[(eq + 1)..].Trim();
            }
            else if (key == "mqtt.password")
            {
                password = line[(eq + 1)..].Trim();
            }
            else
            {
                error = $"credentials file '{path}', line {i + 1}: expected mqtt.username=… or mqtt.password=…";
                return null;
            }
        }
        if (string.IsNullOrEmpty(user) || password is null)
        {
            error = $"credentials file '{path}' needs both mqtt.username and mqtt.password";
            return null;
        }
        return (user, password);
    }

    /// <summary>Parses "host:port" (port defaults to 1883); null with <paramref name="error"/> set when malformed.</summary>
    public static BrokerEndpoint? TryParse(string text, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "broker address is empty (expected host:port)";
            return null;
        }
        int colon = text.LastIndexOf(':');
        string host = colon < 0 ? text : text[..colon];
        int port = 1883;
        if (colon >= 0 && (!int.TryParse(text[(colon + 1)..], out port) || port is < 1 or > 65535))
        {
            error = $"broker port in '{text}' is not a number from 1 to 65535";
            return null;
        }
        if (host.Length == 0)
        {
            error = $"broker host missing in '{text}'";
            return null;
        }
        return new BrokerEndpoint(host, port);
    }
}
