using Microsoft.Extensions.Logging;

namespace Uitpas.Edge.Agent.Access;

/// <summary>
/// Asks a <see cref="CredentialStore"/> to look at its file when the file system reports a
/// change in its folder for its name (written in place, or replaced by a rename as the CLI
/// does), and every fallback interval on a <see cref="TimeProvider"/> timer in case those events
/// are lost or not supported. A look is cheap: one stat, and a read only when timestamp or size
/// changed. Nothing here runs per message.
/// </summary>
internal sealed class PasswordFileWatcher : IDisposable
{
    private readonly CredentialStore _store;
    private readonly ILogger _logger;
    private readonly FileSystemWatcher? _watcher;
    private readonly ITimer _timer;

    public PasswordFileWatcher(CredentialStore store, TimeProvider time, TimeSpan fallbackInterval, ILogger logger, bool fileEvents = true)
    {
        ArgumentNullException.ThrowIfNull(time);
        _store = store;
        _logger = logger;
        if (fileEvents)
        {
            _watcher = TryWatch(store.FilePath, fallbackInterval);
        }
        _timer = time.CreateTimer(_ => Look(), null, fallbackInterval, fallbackInterval);
    }

    public void Dispose()
    {
        _timer.Dispose();
        _watcher?.Dispose();
    }

    private FileSystemWatcher? TryWatch(string path, TimeSpan fallbackInterval)
    {
        FileSystemWatcher? watcher = null;
        try
        {
            watcher = new FileSystemWatcher(Path.GetDirectoryName(path)!, Path.GetFileName(path))
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            watcher.Changed += (_, _) => Look();
            watcher.Created += (_, _) => Look();
            watcher.Renamed += (_, _) => Look();
            watcher.Deleted += (_, _) => Look();
            watcher.Error += (_, e) => AccessLog.PasswordFileNotWatched(_logger, path, e.GetException().Message, fallbackInterval);
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception exception) when (exception is IOException or ArgumentException or PlatformNotSupportedException or UnauthorizedAccessException)
        {
            watcher?.Dispose();
            AccessLog.PasswordFileNotWatched(_logger, path, exception.Message, fallbackInterval);
            return null;
        }
    }

    private void Look()
    {
        try
        {
            _store.Refresh();
        }
        catch (Exception exception)
        {
            // Runs on a timer or watcher thread: nothing may escape (a handler of UsersWithdrawn failed).
            AccessLog.PasswordFileCheckFailed(_logger, _store.FilePath, exception);
        }
    }
}
