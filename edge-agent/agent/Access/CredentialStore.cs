using Microsoft.Extensions.Logging;

namespace Uitpas.Edge.Agent.Access;

/// <summary>What checking a user name and password found.</summary>
public enum CredentialCheck
{
    /// <summary>The password matches the user's hash.</summary>
    Valid,

    /// <summary>No such user in the password file (or its line is unusable).</summary>
    UnknownUser,

    /// <summary>The password does not match.</summary>
    WrongPassword,
}

/// <summary>Users a read of the password file removed or gave new hashes, and the version of that read.</summary>
public sealed record WithdrawnCredentials(IReadOnlyCollection<string> Users, long Version);

/// <summary>
/// Checks MQTT credentials against a Mosquitto password file. The file is read again whenever
/// its timestamp or size changed since the last read, looked at on every check (every CONNECT)
/// and, once <see cref="Watch"/> runs, when the file system reports a change or the fallback
/// timer ticks; so a device added by the CLI can connect without a restart, and a read that
/// removed users or changed their hashes raises <see cref="UsersWithdrawn"/> (the broker then
/// disconnects them). Unusable lines are logged with their numbers once per read and skipped; a
/// file that cannot be read keeps the users of the last good read.
/// </summary>
public sealed class CredentialStore
{
    private readonly string _path;
    private readonly ILogger<CredentialStore> _logger;
    private readonly Lock _gate = new();
    private PasswordFile _file = PasswordFile.Empty;
    private (DateTime Written, long Length) _stamp;
    private bool _missingLogged;
    private long _version;

    /// <summary>Creates the store for <paramref name="path"/> and reads it.</summary>
    public CredentialStore(string path, ILogger<CredentialStore> logger)
    {
        _path = System.IO.Path.GetFullPath(path);
        _logger = logger;
        Refresh();
    }

    /// <summary>The password file's full path.</summary>
    public string FilePath => _path;

    /// <summary>
    /// Raised after a read that removed users or changed their hashes (revoked, or given new
    /// credentials), with their names; not raised under the store's lock.
    /// </summary>
    public event Action<WithdrawnCredentials>? UsersWithdrawn;

    /// <summary>Counts the successful reads of the file (1 after the first); a check tells which one it used.</summary>
    public long Version => Volatile.Read(ref _version);

    /// <summary>Number of usable users after the last read.</summary>
    public int UserCount => Volatile.Read(ref _file).Users.Count;

    /// <summary>Checks <paramref name="user"/>'s <paramref name="password"/>, reading the file again first if it changed.</summary>
    public CredentialCheck Check(string user, string? password) => Check(user, password, out _);

    /// <summary>As <see cref="Check(string, string?)"/>, with the <see cref="Version"/> of the users it was checked against.</summary>
    public CredentialCheck Check(string user, string? password, out long version)
    {
        ArgumentNullException.ThrowIfNull(user);
        Refresh();
        PasswordFile file;
        lock (_gate)
        {
            file = _file;
            version = _version;
        }
        if (!file.Users.TryGetValue(user, out var hash))
        {
            PasswordHash.Waste(password ?? "");
            return CredentialCheck.UnknownUser;
        }
        return PasswordHash.Verify(password ?? "", hash) ? CredentialCheck.Valid : CredentialCheck.WrongPassword;
    }

    /// <summary>
    /// Looks for changes of the file without waiting for a CONNECT: a file system watcher on its
    /// folder (the CLI replaces the file by a rename) and, in case events are lost or unsupported
    /// (network file systems, inotify limits), a timestamp check every <paramref name="fallbackInterval"/>.
    /// Dispose the result to stop.
    /// </summary>
    public IDisposable Watch(TimeProvider time, TimeSpan fallbackInterval) => Watch(time, fallbackInterval, fileEvents: true);

    /// <summary>As <see cref="Watch(TimeProvider, TimeSpan)"/>; without <paramref name="fileEvents"/> only the timer looks (tests of the fallback).</summary>
    internal IDisposable Watch(TimeProvider time, TimeSpan fallbackInterval, bool fileEvents) => new PasswordFileWatcher(this, time, fallbackInterval, _logger, fileEvents);

    /// <summary>Reads the file again if its timestamp or size changed; raises <see cref="UsersWithdrawn"/> when users went or changed.</summary>
    public void Refresh()
    {
        var withdrawn = Read();
        if (withdrawn is not null)
        {
            AccessLog.UsersWithdrawn(_logger, _path, withdrawn.Users.Count);
            UsersWithdrawn?.Invoke(withdrawn);
        }
    }

    private static List<string> Withdrawn(PasswordFile before, PasswordFile after) =>
        [.. before.Users.Where(user => !after.Users.TryGetValue(user.Key, out var hash) || !string.Equals(hash, user.Value, StringComparison.Ordinal)).Select(user => user.Key)];

    /// <summary>Reads the file if it changed; the users it withdrew (null when none).</summary>
    private WithdrawnCredentials? Read()
    {
        lock (_gate)
        {
            try
            {
                var info = new FileInfo(_path);
                if (!info.Exists)
                {
                    if (!_missingLogged)
                    {
                        AccessLog.PasswordFileMissing(_logger, _path);
                        _missingLogged = true;
                    }
                    _stamp = default;
                    return null;
                }
                _missingLogged = false;
                var stamp = (info.LastWriteTimeUtc, info.Length);
                if (stamp == _stamp)
                {
                    return null;
                }
                var file = PasswordFile.Parse(File.ReadAllText(_path));
                foreach (var error in file.Errors)
                {
                    AccessLog.PasswordFileLineSkipped(_logger, _path, error.Line, error.Message);
                }
                var withdrawn = Withdrawn(_file, file);
                Volatile.Write(ref _file, file);
                Volatile.Write(ref _version, _version + 1);
                _stamp = stamp;
                AccessLog.PasswordFileLoaded(_logger, _path, file.Users.Count, file.Errors.Count);
                return withdrawn.Count == 0 ? null : new WithdrawnCredentials(withdrawn, _version);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                AccessLog.PasswordFileUnreadable(_logger, _path, exception);
                return null;
            }
        }
    }
}
