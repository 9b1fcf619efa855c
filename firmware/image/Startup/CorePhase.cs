using System.Device.Gpio;
using Uitpas.Edge.Core.Configuration;
using Uitpas.Edge.Core.Offline;
using Uitpas.Edge.Core.Flow;
using Uitpas.Edge.Core.Presence;
using Uitpas.Edge.Core.Provisioning;
using Uitpas.Edge.Core.Reading.Mfrc522;
using Uitpas.Edge.Core.Snapshots;
using Uitpas.Edge.Firmware.Adapters;

namespace Uitpas.Edge.Firmware.Startup
{
    /// <summary>
    /// Step 7: the portable core wired to the hardware, as every host does it: the RC522 reader,
    /// the journal opened (a torn tail cut) and the boot epoch advanced (TerminalBoot), the
    /// snapshots, the pushed configuration (verified and applied before the first tap), and the
    /// presence reporter (which sets the MQTT will the connector waits for).
    /// </summary>
    public static class CorePhase
    {
        public static TerminalCore Start(DeviceConfig config, GpioController gpio, DeviceUi ui, M2MqttTransport mqtt,
            FlashBlobStore blobs, TickClock clock, ConsoleLog log)
        {
            Mfrc522CardReader reader = Mfrc522Wiring.CreateReader(gpio, new Mfrc522Settings());
            TerminalSettings settings = new TerminalSettings(config.DeviceId);
            settings.Language = config.Language;
            ui.Settings = settings;

            SnapshotUpdater snapshots = null;
            IOfflineRules rules = new NoOfflineRules();
            if (config.HasSnapshots)
            {
                snapshots = new SnapshotUpdater(new SnapshotSettings(config.DeviceId, config.CardSystemId, config.SnapshotKey),
                    new FlashSnapshotStorage(BootPaths.BlobDirectory), blobs, mqtt, new DeviceHmacSha256(), log, null);
                rules = snapshots.Rules;
            }
            PresenceSettings presence = new PresenceSettings(FirmwareRelease.Version(), 0);
            RemoteConfig remoteConfig = new RemoteConfig(settings, presence, config.ConfigKey, new DeviceHmacSha256(),
                blobs, mqtt, clock, new ConsoleConfigLog());
            TapFlow flow = TerminalBoot.Start(settings, reader, ui, mqtt,
                new FlashAppendStore(BootPaths.JournalPath), blobs, clock, rules, clock.NowMs);
            flow.Snapshots = snapshots;
            flow.Configuration = remoteConfig;
            flow.Presence = new PresenceReporter(presence, mqtt, flow, reader.Health, clock, config.DeviceId, clock.NowMs);
            return new TerminalCore(flow, settings, snapshots);
        }
    }
}
