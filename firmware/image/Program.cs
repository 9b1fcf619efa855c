using System.Device.Gpio;
using System.Threading;
using Uitpas.Edge.Core.Configuration;
using Uitpas.Edge.Core.Flow;
using Uitpas.Edge.Core.Offline;
using Uitpas.Edge.Core.Presence;
using Uitpas.Edge.Core.Provisioning;
using Uitpas.Edge.Core.Reading.Mfrc522;
using Uitpas.Edge.Core.Snapshots;
using Uitpas.Edge.Firmware.Adapters;

namespace Uitpas.Edge.Firmware
{
    /// <summary>
    /// The terminal's program on the ESP32: read who it is, join the network, wire the
    /// portable core to the hardware, and step it every <see cref="PollIntervalMs"/>.
    /// </summary>
    public static class Program
    {
        public const int PollIntervalMs = 15;

        public static void Main()
        {
            DeviceConfig config = Startup.LoadConfig();
            if (config == null)
            {
                Thread.Sleep(Timeout.Infinite);
            }
            Startup.ConnectWifi(config);

            M2MqttTransport mqtt = new M2MqttTransport(config);
            mqtt.Start();

            GpioController gpio = new GpioController();
            Mfrc522CardReader reader = Mfrc522Wiring.CreateReader(gpio, new Mfrc522Settings());
            DeviceUi ui = new DeviceUi(new SignalOutputs(gpio, 25, 26, 33, 32));
            TickClock clock = new TickClock();

            TerminalSettings settings = new TerminalSettings(config.DeviceId);
            settings.Language = config.Language;
            FlashBlobStore blobs = new FlashBlobStore(Startup.BlobDirectory);
            SnapshotUpdater snapshots = null;
            IOfflineRules rules = new NoOfflineRules();
            if (config.HasSnapshots)
            {
                snapshots = new SnapshotUpdater(new SnapshotSettings(config.DeviceId, config.CardSystemId, config.SnapshotKey),
                    new FlashSnapshotStorage(Startup.BlobDirectory), blobs, mqtt, new DeviceHmacSha256(), new ConsoleSnapshotLog(), null);
                rules = snapshots.Rules;
            }
            // The pushed configuration stored on flash is verified and applied before the flow
            // starts (a corrupt one is ignored and reported); later ones arrive on the config topic.
            PresenceSettings presence = new PresenceSettings(
                typeof(Program).Assembly.GetName().Version.ToString(), 0);
            RemoteConfig remoteConfig = new RemoteConfig(settings, presence, config.ConfigKey, new DeviceHmacSha256(),
                blobs, mqtt, clock, new ConsoleConfigLog());
            TapFlow flow = TerminalBoot.Start(settings, reader, ui, mqtt,
                new FlashAppendStore(Startup.JournalPath), blobs, clock, rules, clock.NowMs);
            flow.Snapshots = snapshots;
            flow.Configuration = remoteConfig;
            // Presence: sets the transport's last will, which the connector waits for, then
            // publishes the birth at every connect and a status when something changes.
            flow.Presence = new PresenceReporter(presence, mqtt, flow, reader.Health, clock, config.DeviceId, clock.NowMs);

            while (true)
            {
                flow.Step(clock.NowMs);
                Thread.Sleep(PollIntervalMs);
            }
        }
    }
}
