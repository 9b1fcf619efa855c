using System.Collections.Concurrent;

namespace Uitpas.Edge.Agent.Access;

/// <summary>
/// Which password-file version each authenticated connection was checked against, and when each
/// user's credentials were last withdrawn (revoked or replaced), so the broker can close the
/// connections that still rest on withdrawn credentials. Keyed by client id = user name = device
/// id (checked at CONNECT), so it stays as small as the fleet. A connection accepted just
/// before a withdrawal but registered by the server just after it is caught either by
/// <see cref="Withdraw"/> (already registered) or by <see cref="RestsOnWithdrawn"/> at its
/// connected event (withdrawal recorded first).
/// </summary>
internal sealed class ConnectedCredentials
{
    private readonly ConcurrentDictionary<string, long> _checkedAt = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _withdrawnAt = new(StringComparer.Ordinal);

    /// <summary>A CONNECT of <paramref name="clientId"/> was accepted with the credentials of <paramref name="version"/>.</summary>
    public void Accepted(string clientId, long version) => _checkedAt[clientId] = version;

    /// <summary>Records the withdrawal; returns the users whose latest accepted connection rests on withdrawn credentials.</summary>
    public IReadOnlyList<string> Withdraw(WithdrawnCredentials withdrawn)
    {
        ArgumentNullException.ThrowIfNull(withdrawn);
        var close = new List<string>();
        foreach (var user in withdrawn.Users)
        {
            _withdrawnAt.AddOrUpdate(user, withdrawn.Version, (_, earlier) => Math.Max(earlier, withdrawn.Version));
            if (_checkedAt.TryGetValue(user, out var version) && version < withdrawn.Version)
            {
                close.Add(user);
            }
        }
        return close;
    }

    /// <summary>True when <paramref name="clientId"/>'s latest accepted connection was checked before its credentials were withdrawn.</summary>
    public bool RestsOnWithdrawn(string clientId) =>
        _checkedAt.TryGetValue(clientId, out var version) && _withdrawnAt.TryGetValue(clientId, out var withdrawn) && version < withdrawn;
}
