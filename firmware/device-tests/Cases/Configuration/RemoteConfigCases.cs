using nanoFramework.TestFramework;
using Uitpas.Edge.Core.Configuration;
using Uitpas.Edge.Core.Flow;
using Uitpas.Edge.Core.Presence;
using Uitpas.Edge.DeviceTests.Support;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.Protocol.Config;

namespace Uitpas.Edge.DeviceTests.Cases.Configuration
{
    /// <summary>Pushed configuration on the terminal: verified, applied, persisted and reported, or refused with its reason.</summary>
    [TestClass]
    public class RemoteConfigCases
    {
        private const string Device = "vt-001";

        /// <summary>One terminal across boots: its flash, link, calendar and log, and the settings of the current boot.</summary>
        private sealed class Terminal
        {
            public readonly RetainingTransport Mqtt = new RetainingTransport();
            public readonly MemoryBlobStore Flash = new MemoryBlobStore();
            public readonly WallClockDouble Wall = new WallClockDouble();
            public readonly ConfigLogDouble Log = new ConfigLogDouble();
            public TerminalSettings Settings;
            public PresenceSettings Presence;

            /// <summary>A boot: fresh provisioned settings, a new applier over the same flash.</summary>
            public RemoteConfig Boot(byte[] key)
            {
                Settings = new TerminalSettings(Device);
                Presence = new PresenceSettings("1.0.0", 0);
                return new RemoteConfig(Settings, Presence, key, TestHmac.Instance, Flash, Mqtt, Wall, Log);
            }

            public RemoteConfig Boot()
            {
                return Boot(ConfigDocs.Key());
            }

            /// <summary>The settings in force, in one line: language, result timeout, shown, re-tap, replay, status interval.</summary>
            public string Running()
            {
                return Settings.Language + "|" + Settings.ResultTimeoutMs + "|" + Settings.ResultShownMs + "|" + Settings.RetapWindowMs
                    + "|" + Settings.ReplayIntervalMs + "|" + Presence.RoutineIntervalMs;
            }

            public ConfigReport[] Reports()
            {
                return ConfigDocs.Reports(Mqtt, Topics.ConfigState(Device));
            }

            public ConfigReport LastReport()
            {
                return ConfigDocs.LastReport(Mqtt, Topics.ConfigState(Device));
            }
        }

        /// <summary>The bad documents of <see cref="Bad_document_is_refused_with_its_reason_and_changes_nothing"/>, by name.</summary>
        private static byte[] BadDocument(string bad)
        {
            switch (bad)
            {
                case "tampered":
                    byte[] tampered = ConfigDocs.Signed(Device, 8, ConfigSettings.Language, "en");
                    tampered[Bytes.Text(tampered).IndexOf("language=en") + 9] = (byte)'n'; // en → nn
                    return tampered;
                case "other key":
                    return ConfigDocs.SignedWith(ConfigDocs.OtherKey(), Device, 8, ConfigSettings.Language, "en");
                case "unsigned":
                    return Bytes.Utf8("v=1\ndevice=vt-001\nversion=8\nissuedAt=1\nlanguage=en\n");
                case "other device":
                    return ConfigDocs.Signed("vt-002", 8, ConfigSettings.Language, "en");
                case "older":
                    return ConfigDocs.Signed(Device, 3, ConfigSettings.Language, "en");
                case "same version":
                    return ConfigDocs.Signed(Device, 5, ConfigSettings.Language, "en");
                case "unknown setting":
                    return ConfigDocs.SignedRaw("v=1\ndevice=vt-001\nversion=8\nissuedAt=1\nvolume=11\n");
                case "out of range":
                    return ConfigDocs.SignedRaw("v=1\ndevice=vt-001\nversion=8\nissuedAt=1\nresultTimeoutMs=60001\n");
                case "unknown language":
                    return ConfigDocs.SignedRaw("v=1\ndevice=vt-001\nversion=8\nissuedAt=1\nlanguage=de\n");
                case "too long":
                    return ConfigDocs.SignedRaw("v=1\ndevice=vt-001\nversion=8\nissuedAt=1\nlanguage=en\n" + Bytes.Repeat("x=" + new string('y', 60) + "\n", 17));
                case "not utf8":
                    return new byte[] { 0xC3, 0x28, 0x00, 0xFF, 0x0A, 0x3D };
                default:
                    return null;
            }
        }

        [TestMethod]
        public void Signed_config_is_applied_persisted_and_reported()
        {
            Terminal t = new Terminal();
            RemoteConfig config = t.Boot();
            byte[] doc = ConfigDocs.Signed(Device, 5, ConfigSettings.Language, "fr", ConfigSettings.ResultTimeoutMs, "5000",
                ConfigSettings.ResultShownMs, "2500", ConfigSettings.RetapWindowMs, "0", ConfigSettings.ReplayIntervalMs, "60000",
                ConfigSettings.StatusIntervalMs, "120000");

            bool changed = config.Handle(doc, 0);

            Assert.IsTrue(changed, "changed");
            Assert.AreEqual("fr|5000|2500|0|60000|120000", t.Running(), "settings in force");
            Assert.AreEqual(5u, t.Presence.ConfigVersion, "config version in the status");
            Assert.AreEqual(5u, config.AppliedVersion, "applied version");
            Assert.Equal(doc, t.Flash.Read(RemoteConfig.BlobName), "stored as received");
            ConfigReport report = t.LastReport();
            Assert.IsFalse(report.IsRefused, "applied");
            Assert.AreEqual(5u, report.Version, "report version");
            Assert.AreEqual(5u, report.Applied, "report applied");
            Assert.AreEqual(t.Wall.UnixMs, report.AtUnixMs, "report time");
            Assert.AreEqual(1, t.Log.Count, "logged once");
        }

        [TestMethod]
        public void A_setting_left_out_returns_to_the_provisioned_value()
        {
            Terminal t = new Terminal();
            RemoteConfig config = t.Boot();
            config.Handle(ConfigDocs.Signed(Device, 1, ConfigSettings.Language, "en", ConfigSettings.ResultShownMs, "9000"), 0);
            Assert.AreEqual("en", t.Settings.Language, "language pushed");

            Assert.IsTrue(config.Handle(ConfigDocs.Signed(Device, 2, ConfigSettings.ResultShownMs, "9000"), 0), "changed");

            Assert.AreEqual("nl", t.Settings.Language, "back to the provisioned language");
            Assert.AreEqual(9000, t.Settings.ResultShownMs, "kept setting");
            Assert.AreEqual(2u, t.Presence.ConfigVersion, "config version");
        }

        [DataRow("tampered", ConfigRefusal.Signature)]
        [DataRow("other key", ConfigRefusal.Signature)]
        [DataRow("unsigned", ConfigRefusal.Unsigned)]
        [DataRow("other device", ConfigRefusal.Device)]
        [DataRow("older", ConfigRefusal.Stale)]
        [DataRow("same version", ConfigRefusal.Replay)]
        [DataRow("unknown setting", ConfigRefusal.Invalid)]
        [DataRow("out of range", ConfigRefusal.Invalid)]
        [DataRow("unknown language", ConfigRefusal.Invalid)]
        [DataRow("too long", ConfigRefusal.Format)]
        [DataRow("not utf8", ConfigRefusal.Format)]
        public void Bad_document_is_refused_with_its_reason_and_changes_nothing(string bad, string reason)
        {
            Terminal t = new Terminal();
            RemoteConfig config = t.Boot();
            byte[] applied = ConfigDocs.Signed(Device, 5, ConfigSettings.ResultTimeoutMs, "4000", ConfigSettings.StatusIntervalMs, "45000");
            Assert.IsTrue(config.Handle(applied, 0), "the good document applied");
            string running = t.Running();
            int writes = t.Flash.Writes;

            bool changed = config.Handle(BadDocument(bad), 10);

            Assert.IsFalse(changed, "nothing changed");
            ConfigReport report = t.LastReport();
            Assert.IsTrue(report.IsRefused, "refused");
            Assert.AreEqual(reason, report.Reason, "reason");
            Assert.AreEqual(5u, report.Applied, "version in use");
            Assert.IsFalse(report.Detail == null || report.Detail.Trim().Length == 0, "a detail");
            Assert.AreEqual(running, t.Running(), "settings in force");
            Assert.AreEqual(5u, t.Presence.ConfigVersion, "config version");
            Assert.AreEqual(writes, t.Flash.Writes, "nothing written");
            Assert.Equal(applied, t.Flash.Read(RemoteConfig.BlobName), "the good document stays stored");
        }

        [TestMethod]
        public void Stale_and_replay_refusals_name_the_version_in_use()
        {
            Terminal t = new Terminal();
            RemoteConfig config = t.Boot();
            config.Handle(ConfigDocs.Signed(Device, 7), 0);

            config.Handle(ConfigDocs.Signed(Device, 6), 0);
            ConfigReport stale = t.LastReport();
            Assert.AreEqual(6u, stale.Version, "stale version");
            Assert.AreEqual(7u, stale.Applied, "stale applied");
            Assert.AreEqual("stale", stale.Reason, "stale reason");
            Assert.AreEqual("older than 7", stale.Detail, "stale detail");

            config.Handle(ConfigDocs.Signed(Device, 7, ConfigSettings.Language, "fr"), 0);
            ConfigReport replay = t.LastReport();
            Assert.AreEqual(7u, replay.Version, "replay version");
            Assert.AreEqual(7u, replay.Applied, "replay applied");
            Assert.AreEqual("replay", replay.Reason, "replay reason");
            Assert.AreEqual("nl", t.Settings.Language, "language unchanged");
        }

        [TestMethod]
        public void Unreadable_document_is_reported_about_version_zero()
        {
            Terminal t = new Terminal();
            RemoteConfig config = t.Boot();

            config.Handle(Bytes.Utf8("not a config"), 0);

            ConfigReport report = t.LastReport();
            Assert.AreEqual(0u, report.Version, "version");
            Assert.AreEqual(0u, report.Applied, "applied");
            Assert.AreEqual(ConfigRefusal.Format, report.Reason, "reason");
        }

        [TestMethod]
        public void The_identical_retained_document_again_is_reported_applied_not_refused()
        {
            Terminal t = new Terminal();
            RemoteConfig config = t.Boot();
            byte[] doc = ConfigDocs.Signed(Device, 4, ConfigSettings.RetapWindowMs, "1500");
            config.Handle(doc, 0);
            int writes = t.Flash.Writes;

            bool changed = config.Handle(Bytes.Copy(doc), 100); // the broker delivers it again at a reconnect

            Assert.IsFalse(changed, "nothing changed");
            Assert.AreEqual(writes, t.Flash.Writes, "nothing written");
            ConfigReport[] reports = t.Reports();
            Assert.AreEqual(2, reports.Length, "two reports");
            Assert.IsFalse(reports[0].IsRefused, "first applied");
            Assert.IsFalse(reports[1].IsRefused, "second applied");
            Assert.AreEqual(4u, reports[1].Version, "second version");
            Assert.AreEqual(4u, reports[1].Applied, "second applied version");
        }

        [TestMethod]
        public void After_a_reboot_the_stored_config_is_applied_and_an_older_one_is_still_refused()
        {
            Terminal t = new Terminal();
            RemoteConfig before = t.Boot();
            before.Handle(ConfigDocs.Signed(Device, 9, ConfigSettings.Language, "fr", ConfigSettings.StatusIntervalMs, "60000"), 0);

            RemoteConfig after = t.Boot();

            Assert.AreEqual(9u, after.AppliedVersion, "applied at boot");
            Assert.AreEqual(9u, t.Presence.ConfigVersion, "config version");
            Assert.AreEqual("fr", t.Settings.Language, "language");
            Assert.AreEqual(60000, t.Presence.RoutineIntervalMs, "status interval");
            after.Handle(ConfigDocs.Signed(Device, 8, ConfigSettings.Language, "en"), 0);
            Assert.AreEqual(ConfigRefusal.Stale, t.LastReport().Reason, "older refused");
            Assert.AreEqual(9u, t.LastReport().Applied, "version in use");
            Assert.AreEqual("fr", t.Settings.Language, "language kept");
        }

        [TestMethod]
        public void A_corrupt_stored_document_leaves_the_provisioned_values_and_reports_storage_once_connected()
        {
            Terminal t = new Terminal();
            RemoteConfig first = t.Boot();
            first.Handle(ConfigDocs.Signed(Device, 3, ConfigSettings.Language, "en"), 0);
            byte[] stored = t.Flash.Read(RemoteConfig.BlobName);
            stored[20] ^= 0x04; // a bit flipped on flash
            t.Flash.Write(RemoteConfig.BlobName, stored);
            t.Mqtt.IsConnected = false;
            t.Mqtt.Clear();

            RemoteConfig config = t.Boot();

            Assert.AreEqual(0u, config.AppliedVersion, "nothing applied");
            Assert.AreEqual("nl|3000|4000|3000|30000|30000", t.Running(), "provisioned values");
            Assert.AreEqual(0u, t.Presence.ConfigVersion, "config version");
            Assert.IsTrue(config.ReportPending, "a report waits");
            Assert.AreEqual(0, t.Mqtt.Count, "nothing sent offline");
            t.Mqtt.IsConnected = true;
            config.Step(10);
            ConfigReport[] reports = t.Reports();
            Assert.AreEqual(1, reports.Length, "one report");
            Assert.AreEqual(ConfigRefusal.Storage, reports[0].Reason, "storage");
            Assert.AreEqual(0u, reports[0].Applied, "nothing applied");
            Assert.Contains("running as provisioned", reports[0].Detail, "detail");
            Assert.IsFalse(config.ReportPending, "sent");

            // The agent's retained document, delivered at the connect, repairs it.
            Assert.IsTrue(config.Handle(ConfigDocs.Signed(Device, 3, ConfigSettings.Language, "en"), 20), "repaired");
            Assert.AreEqual("en", t.Settings.Language, "language");
        }

        [TestMethod]
        public void Without_a_config_key_every_document_is_refused_as_nokey()
        {
            Terminal t = new Terminal();
            RemoteConfig config = t.Boot(null);

            Assert.IsFalse(config.Handle(ConfigDocs.Signed(Device, 1, ConfigSettings.Language, "fr"), 0), "refused");

            ConfigReport report = t.LastReport();
            Assert.AreEqual(ConfigRefusal.NoKey, report.Reason, "reason");
            Assert.AreEqual(1u, report.Version, "version");
            Assert.AreEqual(0u, report.Applied, "applied");
            Assert.AreEqual("nl", t.Settings.Language, "language");
            Assert.IsNull(t.Flash.Read(RemoteConfig.BlobName), "nothing stored");
        }

        [TestMethod]
        public void A_flash_write_failure_is_refused_as_storage_and_the_running_settings_stay()
        {
            Terminal t = new Terminal();
            RemoteConfig config = t.Boot();
            config.Handle(ConfigDocs.Signed(Device, 1, ConfigSettings.Language, "fr"), 0);
            t.Flash.Fail = true;

            Assert.IsFalse(config.Handle(ConfigDocs.Signed(Device, 2, ConfigSettings.Language, "en"), 0), "refused");

            ConfigReport report = t.LastReport();
            Assert.AreEqual(ConfigRefusal.Storage, report.Reason, "reason");
            Assert.AreEqual(2u, report.Version, "version");
            Assert.AreEqual(1u, report.Applied, "version in use");
            Assert.Contains("flash write failed", report.Detail, "detail");
            Assert.AreEqual("fr", t.Settings.Language, "language");
            Assert.AreEqual(1u, t.Presence.ConfigVersion, "config version");
            t.Flash.Fail = false;
            Assert.AreEqual(1u, t.Boot().AppliedVersion, "version 1 after a reboot");
        }

        [TestMethod]
        public void An_empty_retained_payload_is_ignored()
        {
            Terminal t = new Terminal();
            RemoteConfig config = t.Boot();

            Assert.IsFalse(config.Handle(new byte[0], 0), "nothing changed");

            Assert.AreEqual(0, t.Mqtt.Count, "nothing published");
            Assert.AreEqual(0, t.Log.Count, "nothing logged");
        }

        [TestMethod]
        public void A_report_made_offline_waits_and_only_the_latest_is_sent()
        {
            Terminal t = new Terminal();
            RemoteConfig config = t.Boot();
            t.Mqtt.IsConnected = false;
            config.Handle(ConfigDocs.Signed(Device, 1), 0);
            config.Handle(ConfigDocs.Signed(Device, 2), 0);
            config.Step(10);
            Assert.AreEqual(0, t.Mqtt.Count, "nothing sent offline");

            t.Mqtt.IsConnected = true;
            config.Step(20);
            config.Step(30);

            ConfigReport[] reports = t.Reports();
            Assert.AreEqual(1, reports.Length, "one report");
            Assert.AreEqual(2u, reports[0].Version, "the latest");
            Assert.AreEqual(2u, reports[0].Applied, "applied");
        }
    }
}
