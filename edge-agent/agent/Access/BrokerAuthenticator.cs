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
    /// <summary>For <see cref="ConnectVerdict.Authenticated"/>: the <see cref="CredentialStore.Version"/> the password was checked against.</summary>
    public long CredentialsVersion { get; init; }

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
    /// <summary>How often the password file's timestamp is looked at when no file system event came.</summary>
    public static readonly TimeSpan FallbackCheckInterval = TimeSpan.FromSeconds(3);

    private readonly CredentialStore? _credentials;
    private readonly TimeProvider _time;

    /// <summary>Creates the authenticator from the broker options (reading the password file when one is set).</summary>
    public BrokerAuthenticator(IOptions<BrokerOptions> options, ILoggerFactory loggers, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
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

    /// <summary>
    /// Watches the password file (file system events, and its timestamp every
    /// <see cref="FallbackCheckInterval"/>) and calls <paramref name="onWithdrawn"/> with the users
    /// a change removed or gave new credentials, whose connections must end. Null without a
    /// password file; dispose the result to stop.
    /// </summary>
    public IDisposable? WatchPasswordFile(Action<WithdrawnCredentials> onWithdrawn)
    {
        ArgumentNullException.ThrowIfNull(onWithdrawn);
        if (_credentials is null)
        {
            return null;
        }
        var credentials = _credentials;
        credentials.UsersWithdrawn += onWithdrawn;
        var watch = credentials.Watch(_time, FallbackCheckInterval);
        return new Unwatch(() =>
        {
            watch.Dispose();
            credentials.UsersWithdrawn -= onWithdrawn;
        });
    }

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
        switch (_credentials.Check(userName, password, out var version))
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
        return new ConnectDecision(ConnectVerdict.Authenticated, "") { CredentialsVersion = version };
    }
}

/// <summary>Runs an action once when disposed.</summary>
internal sealed class Unwatch(Action action) : IDisposable
{
    private Action? _action = action;

    public void Dispose() => Interlocked.Exchange(ref _action, null)?.Invoke();
}
