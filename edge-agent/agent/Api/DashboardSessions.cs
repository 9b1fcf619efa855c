using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Uitpas.Edge.Agent.Api;

/// <summary>
/// The dashboard's login sessions, in memory (a restart logs everyone out): a random id in an
/// HttpOnly, SameSite=Strict cookie, ended by logout or after the idle timeout. Ids are kept as
/// SHA-256 digests, so a memory dump does not hand out live cookies.
/// </summary>
internal sealed class DashboardSessions(TimeProvider time, TimeSpan idleTimeout)
{
    /// <summary>The session cookie's name.</summary>
    public const string CookieName = "uitpas-dashboard-session";

    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);

    /// <summary>Starts a session for <paramref name="user"/>; returns the cookie value.</summary>
    public string Start(string user)
    {
        Sweep();
        var id = AdminSecrets.NewSecret(32);
        _sessions[Digest(id)] = new Session(user, time.GetUtcNow());
        return id;
    }

    /// <summary>The user of a live session (and its idle clock restarted); null when unknown or expired.</summary>
    public string? UserOf(string? cookie)
    {
        if (string.IsNullOrEmpty(cookie) || cookie.Length > 100)
        {
            return null;
        }
        var key = Digest(cookie);
        if (!_sessions.TryGetValue(key, out var session))
        {
            return null;
        }
        var now = time.GetUtcNow();
        if (now - session.LastUsed > idleTimeout)
        {
            _sessions.TryRemove(key, out _);
            return null;
        }
        _sessions.TryUpdate(key, session with { LastUsed = now }, session);
        return session.User;
    }

    /// <summary>Ends a session.</summary>
    public void End(string? cookie)
    {
        if (!string.IsNullOrEmpty(cookie))
        {
            _sessions.TryRemove(Digest(cookie), out _);
        }
    }

    private void Sweep()
    {
        var now = time.GetUtcNow();
        foreach (var (key, session) in _sessions)
        {
            if (now - session.LastUsed > idleTimeout)
            {
                _sessions.TryRemove(key, out _);
            }
        }
    }

    private static string Digest(string id) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(id)));

    private sealed record Session(string User, DateTimeOffset LastUsed);
}
