using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Uitpas.Edge.Agent.Broker;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Agent.Access;

/// <summary>How a CONNECT was judged.</summary>
public enum ConnectVerdict
{
    /// <summary>Accepted without credentials (anonymous allowed): the client gets the topic rules only.</summary>
    Anonymous,

    /// <summary>Accepted: user name and password checked, client id = user name = device id.</summary>
    Authenticated,

    /// <summary>Refused: unknown user or wrong password.</summary>
    BadCredentials,

    /// <summary>Refused: no credentials where they are required, or a user name that is no device id.</summary>
    NotAuthorized,

    /// <summary>Refused: the client id is not the user name.</summary>
    ClientIdMismatch,
}

/// <summary>The verdict on a CONNECT and, for a refusal, the reason sent in CONNACK and logged.</summary>
public readonly record struct ConnectDecision(ConnectVerdict Verdict, string Reason)
{
    /// <summary>True when the connection may go on.</summary>
    public bool IsAccepted => Verdict is ConnectVerdict.Anonymous or ConnectVerdict.Authenticated;
}

/// <summary>
/// Judges CONNECTs on the embedded broker. With "Agent:Broker:Authentication:PasswordFile" a
/// client must present a user name from that file (a device id) with its password, and its
/// client id must equal the user name, so a terminal's session and topics are its own. Without
/// credentials it is refused unless "AllowAnonymous" is true. Without a password file every
/// client is anonymous (allowed only on a loopback bind unless AllowAnonymous says otherwise;
/// see <see cref="BrokerOptionsValidator"/>).
/// </summary>
public sealed class BrokerAuthenticator
{
    private readonly CredentialStore? _credentials;

    /// <summary>Creates the authenticator from the broker options (reading the password file when one is set).</summary>
    public BrokerAuthenticator(IOptions<BrokerOptions> options, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        var authentication = options.Value.Authentication;
        AllowsAnonymous = authentication.AllowsAnonymous;
        if (!string.IsNullOrWhiteSpace(authentication.PasswordFile))
        {
            _credentials = new CredentialStore(authentication.PasswordFile, loggers.CreateLogger<CredentialStore>());
        }
    }

    /// <summary>True when clients without credentials are let in.</summary>
    public bool AllowsAnonymous { get; }

    /// <summary>True when a password file is configured.</summary>
    public bool RequiresPasswords => _credentials is not null;

    /// <summary>Judges a CONNECT.</summary>
    public ConnectDecision Judge(string clientId, string? userName, string? password)
    {
        if (_credentials is null || string.IsNullOrEmpty(userName))
        {
            if (AllowsAnonymous)
            {
                return new ConnectDecision(ConnectVerdict.Anonymous, "");
            }
            return new ConnectDecision(ConnectVerdict.NotAuthorized, "credentials required: user name = device id, and its password");
        }
        switch (_credentials.Check(userName, password))
        {
            case CredentialCheck.UnknownUser:
            case CredentialCheck.WrongPassword:
                return new ConnectDecision(ConnectVerdict.BadCredentials, "bad user name or password");
        }
        if (!DeviceIds.IsValid(userName))
        {
            return new ConnectDecision(ConnectVerdict.NotAuthorized, "the user name is not a device id");
        }
        if (!string.Equals(clientId, userName, StringComparison.Ordinal))
        {
            return new ConnectDecision(ConnectVerdict.ClientIdMismatch, "the client id must be the user name (the device id)");
        }
        return new ConnectDecision(ConnectVerdict.Authenticated, "");
    }
}
