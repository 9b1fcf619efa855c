using System.ComponentModel.DataAnnotations;

namespace Uitpas.Edge.Agent.Broker;

/// <summary>Which broker the terminals talk to.</summary>
public enum BrokerMode
{
    /// <summary>The agent runs the broker itself (MQTTnet server): the default.</summary>
    Embedded,

    /// <summary>An MQTT 5 broker elsewhere; the agent connects to it as a client.</summary>
    External,
}

/// <summary>The broker, bound from "Agent:Broker".</summary>
public sealed class BrokerOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Agent:Broker";

    /// <summary>Embedded (default) or External.</summary>
    public BrokerMode Mode { get; set; } = BrokerMode.Embedded;

    /// <summary>Settings of the embedded broker.</summary>
    public EmbeddedBrokerOptions Embedded { get; set; } = new();

    /// <summary>Settings of the connection to an external broker.</summary>
    public ExternalBrokerOptions External { get; set; } = new();

    /// <summary>Who may connect to the embedded broker ("Agent:Broker:Authentication").</summary>
    public BrokerAuthenticationOptions Authentication { get; set; } = new();
}

/// <summary>Credentials of the embedded broker's clients.</summary>
public sealed class BrokerAuthenticationOptions
{
    /// <summary>
    /// A Mosquitto password file (<c>user:$7$…</c>, as mosquitto_passwd 2.x and
    /// <c>uitpas-edge device credentials</c> write it); user name = client id = device id. Read
    /// again when it changes. Empty (default): no passwords, every client is anonymous.
    /// </summary>
    public string PasswordFile { get; set; } = "";

    /// <summary>
    /// Let clients in without credentials (they get the topic rules, not a device binding).
    /// Unset (default): true without a password file (development on a loopback bind), false with one.
    /// </summary>
    public bool? AllowAnonymous { get; set; }

    /// <summary>What <see cref="AllowAnonymous"/> comes to.</summary>
    public bool AllowsAnonymous => AllowAnonymous ?? string.IsNullOrWhiteSpace(PasswordFile);
}

/// <summary>The embedded MQTT 5 broker.</summary>
public sealed class EmbeddedBrokerOptions
{
    /// <summary>IP address to listen on: 127.0.0.1 (default, this machine only), 0.0.0.0 (every IPv4 interface), ::1 or ::.</summary>
    [Required]
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>TCP port; 0 picks a free one (see <see cref="EmbeddedBroker.Port"/>).</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 1883;

    /// <summary>
    /// Largest MQTT packet a client may send, in bytes. Advertised in CONNACK; a client that
    /// sends a larger PUBLISH is disconnected with reason PacketTooLarge. A tap packet is well
    /// under 100 bytes.
    /// </summary>
    [Range(128, 268435455)]
    public int MaxPacketSize { get; set; } = 1024;

    /// <summary>Messages queued per client session (results waiting for a slow or absent terminal).</summary>
    [Range(1, 100000)]
    public int MaxPendingMessagesPerClient { get; set; } = 100;

    /// <summary>The TLS listener ("Agent:Broker:Embedded:Tls"), off by default.</summary>
    public EmbeddedTlsOptions Tls { get; set; } = new();
}

/// <summary>The embedded broker's TLS listener, with a certificate from <c>uitpas-edge ca issue-server</c>.</summary>
public sealed class EmbeddedTlsOptions
{
    /// <summary>Listen for MQTT over TLS (besides the plain listener).</summary>
    public bool Enabled { get; set; }

    /// <summary>IP address of the TLS listener; empty (default) = the plain listener's BindAddress.</summary>
    public string BindAddress { get; set; } = "";

    /// <summary>TCP port of the TLS listener; 0 picks a free one.</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 8883;

    /// <summary>The server certificate, PEM (the chain up to the CA may follow it).</summary>
    public string CertificateFile { get; set; } = "";

    /// <summary>The server certificate's private key, PEM (PKCS#8 or SEC1/PKCS#1).</summary>
    public string KeyFile { get; set; } = "";

    /// <summary>The address the TLS listener binds: <see cref="BindAddress"/>, or the plain listener's.</summary>
    public string EffectiveBindAddress(string plainBindAddress) => string.IsNullOrWhiteSpace(BindAddress) ? plainBindAddress : BindAddress;
}

/// <summary>The connection to an external MQTT 5 broker.</summary>
public sealed class ExternalBrokerOptions
{
    /// <summary>Host name or address of the broker.</summary>
    public string Host { get; set; } = "";

    /// <summary>TCP port (1883, or 8883 with TLS).</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 1883;

    /// <summary>Use TLS (with the system's trust store, or <see cref="CaFile"/>).</summary>
    public bool UseTls { get; set; }

    /// <summary>
    /// The region CA's certificate (PEM, <c>uitpas-edge ca init</c>'s ca.crt); needs UseTls. When
    /// set, the broker's certificate must chain to it alone (not the system's store) and still
    /// name <see cref="Host"/>. Empty (default): the system's trust store.
    /// </summary>
    public string CaFile { get; set; } = "";

    /// <summary>Client id of the agent; its persistent session keeps taps published while the agent is away.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_-]{1,64}$")]
    public string ClientId { get; set; } = "uitpas-edge-agent";

    /// <summary>User name, if the broker wants one.</summary>
    public string? UserName { get; set; }

    /// <summary>Password, if the broker wants one; never logged.</summary>
    public string? Password { get; set; }

    /// <summary>How long the broker keeps the agent's session (and its unacknowledged taps) while the agent is disconnected.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "49710.00:00:00")]
    public TimeSpan SessionExpiry { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Most taps being committed at once (MQTT 5 Receive Maximum).</summary>
    [Range(1, 65535)]
    public int ReceiveMaximum { get; set; } = 256;

    /// <summary>Wait before reconnecting after the connection was lost.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(2);
}
