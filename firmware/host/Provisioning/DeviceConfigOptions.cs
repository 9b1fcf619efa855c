using Uitpas.Edge.Core.Provisioning;
using Uitpas.Edge.VirtualTerminal.Adapters;
using Uitpas.Edge.VirtualTerminal.Reader;

namespace Uitpas.Edge.VirtualTerminal.Provisioning;

/// <summary>
/// The virtual terminal run from a provisioned <c>DIR/device.cfg</c>, as a board runs from its
/// own: device id, broker, TLS and its CA, MQTT credentials, language, card system with snapshot
/// key, config key. The CA is written next to it as <c>broker-ca.pem</c> (what the TLS adapter loads).
/// </summary>
public static class DeviceConfigOptions
{
    public const string CaFileName = "broker-ca.pem";

    public static bool Exists(string dataDirectory) => File.Exists(Path.Combine(dataDirectory, ProvisioningDevice.FileName));

    /// <summary>Reads and validates the file; null with a sentence naming the file in <paramref name="error"/>.</summary>
    public static DeviceConfig? Read(string dataDirectory, out string? error)
    {
        string path = Path.Combine(dataDirectory, ProvisioningDevice.FileName);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            error = $"{path} cannot be read: {exception.Message}";
            return null;
        }
        var config = DeviceConfig.Parse(text, out string? problem);
        error = config is null ? $"{path}, {problem}" : null;
        return config;
    }

    /// <summary>The options for the configuration; <paramref name="reader"/>, <paramref name="snapshotHttp"/> and <paramref name="configVersion"/> stay the command line's.</summary>
    public static VirtualTerminalOptions ToOptions(DeviceConfig config, string dataDirectory, ReaderSpec reader, bool snapshotHttp, uint configVersion)
    {
        ArgumentNullException.ThrowIfNull(config);
        var broker = new BrokerEndpoint(config.BrokerHost, config.BrokerPort, config.MqttUsername,
            config.MqttUsername is null ? null : config.MqttPassword ?? string.Empty) { UseTls = config.BrokerTls };
        if (config.BrokerCaPem is not null)
        {
            Directory.CreateDirectory(dataDirectory);
            string caFile = Path.Combine(dataDirectory, CaFileName);
            File.WriteAllText(caFile, config.BrokerCaPem);
            broker = broker with { CaFile = caFile };
        }
        return new VirtualTerminalOptions
        {
            DeviceId = config.DeviceId,
            Broker = broker,
            DataDirectory = dataDirectory,
            Language = config.Language,
            CardSystem = config.HasSnapshots ? config.CardSystemId : null,
            SnapshotKey = config.HasSnapshots ? config.SnapshotKey : null,
            ConfigKey = config.ConfigKey,
            Reader = reader,
            SnapshotHttp = snapshotHttp,
            ConfigVersion = configVersion,
        };
    }
}
