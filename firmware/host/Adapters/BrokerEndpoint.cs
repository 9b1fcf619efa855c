namespace Uitpas.Edge.VirtualTerminal.Adapters;

/// <summary>Where the terminal's MQTT broker is, and how it logs in.</summary>
public sealed record BrokerEndpoint(string Host, int Port, string? Username = null, string? Password = null)
{
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
