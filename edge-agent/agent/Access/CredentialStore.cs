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

/// <summary>
/// Checks MQTT credentials against a Mosquitto password file. The file is read again whenever
/// its timestamp or size changed since the last read (looked at on every check, i.e. every
/// CONNECT), so a device added by the CLI can connect without a restart. Unusable lines are
/// logged with their numbers once per read and skipped; a file that cannot be read keeps the
/// users of the last good read.
/// </summary>
public sealed class CredentialStore
{
    private readonly string _path;
    private readonly ILogger<CredentialStore> _logger;
    private readonly Lock _gate = new();
    private PasswordFile _file = PasswordFile.Empty;
    private (DateTime Written, long Length) _stamp;
    private bool _missingLogged;

    /// <summary>Creates the store for <paramref name="path"/> and reads it.</summary>
    public CredentialStore(string path, ILogger<CredentialStore> logger)
    {
        _path = System.IO.Path.GetFullPath(path);
        _logger = logger;
        Refresh();
    }

    /// <summary>The password file's full path.</summary>
    public string FilePath => _path;

    /// <summary>Number of usable users after the last read.</summary>
    public int UserCount => Volatile.Read(ref _file).Users.Count;

    /// <summary>Checks <paramref name="user"/>'s <paramref name="password"/>, reading the file again first if it changed.</summary>
    public CredentialCheck Check(string user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        Refresh();
        var file = Volatile.Read(ref _file);
        if (!file.Users.TryGetValue(user, out var hash))
        {
            PasswordHash.Waste(password ?? "");
            return CredentialCheck.UnknownUser;
        }
        return PasswordHash.Verify(password ?? "", hash) ? CredentialCheck.Valid : CredentialCheck.WrongPassword;
    }

    private void Refresh()
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
                    return;
                }
                _missingLogged = false;
                var stamp = (info.LastWriteTimeUtc, info.Length);
                if (stamp == _stamp)
                {
                    return;
                }
                var file = PasswordFile.Parse(File.ReadAllText(_path));
                foreach (var error in file.Errors)
                {
                    AccessLog.PasswordFileLineSkipped(_logger, _path, error.Line, error.Message);
                }
                Volatile.Write(ref _file, file);
                _stamp = stamp;
                AccessLog.PasswordFileLoaded(_logger, _path, file.Users.Count, file.Errors.Count);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                AccessLog.PasswordFileUnreadable(_logger, _path, exception);
            }
        }
    }
}
