using System.Reflection;

namespace Uitpas.Edge.VirtualTerminal.Provisioning;

/// <summary>
/// <c>--provision</c>: opens a pseudo-terminal, says where (<c>provisioning: waiting on /dev/pts/N</c>
/// on standard output and the path in <c>DIR/serial-port</c>), and serves Improv until a commit
/// wrote DIR/device.cfg. The server keeps answering afterwards, for as long as the terminal runs.
/// </summary>
public static class Provisioner
{
    public const string PortFileName = "serial-port";

    /// <summary>The running server once device.cfg is written; null when cancelled or the pty failed (said on standard error).</summary>
    public static async Task<ImprovServer?> ServeAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        PseudoTerminal pty;
        try
        {
            pty = PseudoTerminal.Open();
        }
        catch (Exception exception) when (exception is PlatformNotSupportedException or System.ComponentModel.Win32Exception)
        {
            await Console.Error.WriteLineAsync($"error: cannot open a pseudo-terminal: {exception.Message}");
            return null;
        }
        var device = new ProvisioningDevice(dataDirectory);
        var current = DeviceConfigOptions.Exists(dataDirectory) ? DeviceConfigOptions.Read(dataDirectory, out _) : null;
        var server = new ImprovServer(pty, device, FirmwareVersion(), current);
        try
        {
            Directory.CreateDirectory(dataDirectory);
            await File.WriteAllTextAsync(Path.Combine(dataDirectory, PortFileName), pty.Path + "\n", cancellationToken);
            server.Start();
            Console.WriteLine($"provisioning: waiting on {pty.Path}");
            var config = await server.FirstCommit.WaitAsync(cancellationToken);
            Console.WriteLine($"provisioning: {device.ConfigPath} written for {config.DeviceId}");
            return server;
        }
        catch (OperationCanceledException)
        {
            server.Dispose();
            return null;
        }
        catch (IOException exception)
        {
            await Console.Error.WriteLineAsync($"error: provisioning on {pty.Path} failed: {exception.Message}");
            server.Dispose();
            return null;
        }
    }

    private static string FirmwareVersion() =>
        typeof(Provisioner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
