using Uitpas.Edge.Core.Provisioning;

namespace Uitpas.Edge.VirtualTerminal.Provisioning;

/// <summary>
/// Serves Improv on a pseudo-terminal from a background thread, so that
/// <c>uitpas-edge device provision --port /dev/pts/N</c> configures the virtual terminal exactly as
/// it configures a board. It keeps serving after a commit (state and device-info requests); a
/// later commit rewrites device.cfg, which takes effect at the next start.
/// </summary>
public sealed class ImprovServer : IDisposable
{
    private readonly PseudoTerminal _pty;
    private readonly ImprovSession _session;
    private readonly Thread _thread;
    private readonly TaskCompletionSource<DeviceConfig> _firstCommit = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _stopping;

    public ImprovServer(PseudoTerminal pty, ProvisioningDevice device, string firmwareVersion, DeviceConfig? current)
    {
        _pty = pty;
        _session = new ImprovSession(device, "Uitpas.Edge", firmwareVersion, "virtual-terminal/linux", current?.DeviceId ?? "unprovisioned", current is not null);
        _thread = new Thread(Serve) { IsBackground = true, Name = "improv " + pty.Path };
    }

    /// <summary>Completes with the configuration of the first commit that wrote device.cfg; faults when the pty fails first.</summary>
    public Task<DeviceConfig> FirstCommit => _firstCommit.Task;

    public string PortPath => _pty.Path;

    public void Start() => _thread.Start();

    public void Dispose()
    {
        _stopping = true;
        if (_thread.IsAlive && Thread.CurrentThread != _thread)
        {
            _thread.Join(TimeSpan.FromSeconds(2));
        }
        _pty.Dispose();
    }

    private void Serve()
    {
        var buffer = new byte[512];
        try
        {
            while (!_stopping)
            {
                int count = _pty.Read(buffer, 200);
                if (count == 0)
                {
                    continue;
                }
                byte[] reply;
                int commits;
                lock (_session)
                {
                    reply = _session.Feed(buffer, 0, count);
                    commits = _session.Commits;
                }
                if (reply.Length > 0)
                {
                    _pty.Write(reply);
                }
                if (commits > 0)
                {
                    _firstCommit.TrySetResult(_session.Committed!);
                }
            }
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException)
        {
            _firstCommit.TrySetException(exception);
        }
    }
}
