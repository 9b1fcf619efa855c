using Uitpas.Edge.Core.Provisioning;

namespace Uitpas.Edge.VirtualTerminal.Provisioning;

/// <summary>
/// The virtual terminal as an Improv device: device.cfg is a file in the data folder (replaced by
/// write-to-temp, fsync, rename; mode 0600, it holds the MQTT password and the keys), and WiFi is
/// accepted as given (the host has its own network).
/// </summary>
public sealed class ProvisioningDevice(string dataDirectory) : IImprovDevice
{
    public const string FileName = "device.cfg";

    public string ConfigPath => Path.Combine(dataDirectory, FileName);

    public string? WriteDeviceConfig(string text)
    {
        try
        {
            Directory.CreateDirectory(dataDirectory);
            string temp = ConfigPath + ".tmp";
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            using (var file = new FileStream(temp, options))
            {
                file.Write(System.Text.Encoding.UTF8.GetBytes(text));
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, ConfigPath, overwrite: true);
            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return exception.Message;
        }
    }

    public bool ConnectWifi(string ssid, string password) => true;
}
