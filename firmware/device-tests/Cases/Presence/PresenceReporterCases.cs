using System;
using System.Collections;
using nanoFramework.TestFramework;
using Uitpas.Edge.Core.Flow;
using Uitpas.Edge.Core.Presence;
using Uitpas.Edge.Core.Reading.Mfrc522;
using Uitpas.Edge.DeviceTests.Support;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.Protocol.Presence;

namespace Uitpas.Edge.DeviceTests.Cases.Presence
{
    /// <summary>Birth, routine and urgent statuses, the last will and the planned stop, as the terminal publishes them.</summary>
    [TestClass]
    public class PresenceReporterCases
    {
        private const string Device = "vt-017";

        /// <summary>A terminal with its presence reporter: the flow rig, a retaining transport and the reader's health.</summary>
        private sealed class Terminal
        {
            public readonly RetainingTransport Mqtt = new RetainingTransport();
            public readonly ReaderHealth Reader = new ReaderHealth();
            public readonly FlowRig Rig;
            public TapFlow Flow;
            public PresenceReporter Presence;

            public Terminal()
            {
                Rig = new FlowRig(Device, Mqtt);
                Rig.Now = 1000;
                Reader.State = ReaderState.Ok;
            }

            public void Boot(PresenceSettings settings)
            {
                Flow = Rig.Boot();
                Presence = new PresenceReporter(settings, Mqtt, Flow, Reader, Rig.Wall, Device, Rig.Now);
                Flow.Presence = Presence;
            }

            public void Boot()
            {
                Boot(Settings());
            }

            public void Run(long forMs)
            {
                Rig.Run(Flow, forMs);
            }

            public void Tap()
            {
                Rig.TapAndLift(Flow, Wire.Card);
            }

            /// <summary>The statuses published so far, each checked to be retained, oldest first.</summary>
            public TerminalStatus[] Statuses()
            {
                SentMessage[] sent = Mqtt.On(Topics.Status(Device));
                TerminalStatus[] statuses = new TerminalStatus[sent.Length];
                for (int i = 0; i < sent.Length; i++)
                {
                    Assert.IsTrue(sent[i].Retained, "a status is retained");
                    statuses[i] = Decode(sent[i].Payload);
                }
                return statuses;
            }
        }

        private static PresenceSettings Settings()
        {
            return new PresenceSettings("1.4.2+abc123", 7);
        }

        private static TerminalStatus Decode(byte[] payload)
        {
            TerminalStatus status;
            string error;
            Assert.IsTrue(TerminalStatus.TryParse(payload, out status, out error), "parses: " + error);
            return status;
        }

        [TestMethod]
        public void Birth_is_published_retained_at_every_connect()
        {
            Terminal t = new Terminal();
            t.Mqtt.IsConnected = false;
            t.Boot();
            t.Tap();
            t.Run(200);
            Assert.AreEqual(0, t.Statuses().Length, "nothing while offline");

            t.Mqtt.IsConnected = true;
            t.Run(20);

            TerminalStatus[] statuses = t.Statuses();
            Assert.AreEqual(1, statuses.Length, "one birth");
            TerminalStatus birth = statuses[0];
            Assert.AreEqual(TerminalStatus.Online, birth.State, "online");
            Assert.AreEqual(t.Flow.BootEpoch, birth.BootEpoch, "epoch");
            Assert.AreEqual(1u, birth.JournalDepth, "journal depth");
            Assert.AreEqual(1u, birth.TapsSinceBoot, "taps since boot");
            Assert.AreEqual(t.Rig.Wall.UnixMs, birth.LastTapUnixMs, "last tap");
            Assert.AreEqual("1.4.2+abc123", birth.Firmware, "firmware");
            Assert.AreEqual(7u, birth.ConfigVersion, "config version");
            Assert.AreEqual(TerminalStatus.ReaderOk, birth.Reader, "reader");
            Assert.IsTrue(birth.UptimeMs >= 300, "uptime " + birth.UptimeMs);

            t.Mqtt.IsConnected = false;
            t.Run(100);
            t.Mqtt.IsConnected = true;
            t.Run(20);

            Assert.AreEqual(2, t.Statuses().Length, "a birth at the reconnect");
        }

        [TestMethod]
        public void Routine_changes_wait_for_the_routine_interval()
        {
            Terminal t = new Terminal();
            PresenceSettings settings = Settings();
            settings.RoutineIntervalMs = 5000;
            t.Boot(settings);
            t.Run(20);
            Assert.AreEqual(1, t.Statuses().Length, "the birth");

            t.Tap();
            t.Run(3000);
            Assert.AreEqual(1, t.Statuses().Length, "the tap waits");

            t.Run(2000);
            TerminalStatus[] statuses = t.Statuses();
            Assert.AreEqual(2, statuses.Length, "sent after the interval");
            Assert.AreEqual(1u, statuses[1].JournalDepth, "with the tap");

            t.Run(20000);
            Assert.AreEqual(2, t.Presence.Published, "nothing changed since");
        }

        [TestMethod]
        public void Reader_failure_is_reported_after_the_urgent_interval_only()
        {
            Terminal t = new Terminal();
            PresenceSettings settings = Settings();
            settings.UrgentIntervalMs = 1000;
            t.Boot(settings);
            t.Run(20);

            t.Reader.State = ReaderState.Down;
            t.Reader.ChipFaults = 4;
            t.Run(500);
            Assert.AreEqual(1, t.Statuses().Length, "not before the urgent interval");
            t.Run(600);

            TerminalStatus[] statuses = t.Statuses();
            Assert.AreEqual(2, statuses.Length, "reported");
            Assert.AreEqual(TerminalStatus.ReaderFailed, statuses[1].Reader, "failed");
            Assert.AreEqual(4u, statuses[1].ReaderFaults, "faults");

            t.Reader.State = ReaderState.Recovering;
            t.Run(1100);
            statuses = t.Statuses();
            Assert.AreEqual(TerminalStatus.ReaderDegraded, statuses[statuses.Length - 1].Reader, "recovering is degraded");
        }

        [TestMethod]
        public void A_full_queue_is_retried_at_the_next_step()
        {
            Terminal t = new Terminal();
            t.Boot();
            t.Mqtt.Refuse = true;
            t.Run(100);
            Assert.AreEqual(0, t.Statuses().Length, "refused");

            t.Mqtt.Refuse = false;
            t.Run(10);

            Assert.AreEqual(1, t.Statuses().Length, "sent at the next step");
        }

        [TestMethod]
        public void Will_is_the_status_with_state_offline_will_and_follows_each_status()
        {
            Terminal t = new Terminal();
            PresenceSettings settings = Settings();
            settings.RoutineIntervalMs = 1000;
            t.Boot(settings);

            Assert.AreEqual(Topics.Status(Device), t.Mqtt.WillTopic, "will topic");
            TerminalStatus will = Decode(t.Mqtt.Will);
            Assert.AreEqual(TerminalStatus.OfflineWill, will.State, "will state");
            Assert.AreEqual(t.Flow.BootEpoch, will.BootEpoch, "will epoch");
            Assert.AreEqual("1.4.2+abc123", will.Firmware, "will firmware");
            Assert.AreEqual(0u, will.JournalDepth, "will journal depth");

            t.Run(20);
            t.Tap();
            t.Run(1000);

            TerminalStatus updated = Decode(t.Mqtt.Will);
            Assert.AreEqual(TerminalStatus.OfflineWill, updated.State, "updated will state");
            Assert.AreEqual(1u, updated.JournalDepth, "updated will journal depth");
        }

        [TestMethod]
        public void Planned_stop_says_offline_clean()
        {
            Terminal t = new Terminal();
            t.Boot();
            t.Run(20);

            Assert.IsTrue(t.Presence.GoOffline(t.Rig.Now), "published");

            TerminalStatus[] statuses = t.Statuses();
            TerminalStatus last = statuses[statuses.Length - 1];
            Assert.AreEqual(TerminalStatus.OfflineClean, last.State, "offline-clean");
            Assert.AreEqual(t.Flow.BootEpoch, last.BootEpoch, "epoch");
        }

        [TestMethod]
        public void Invalid_presence_settings_are_refused()
        {
            Terminal t = new Terminal();
            t.Boot();
            PresenceSettings tooFast = new PresenceSettings("1.0", 0);
            tooFast.RoutineIntervalMs = 10;
            Expect.Throws(typeof(ArgumentException),
                () => new PresenceReporter(new PresenceSettings("", 0), t.Mqtt, t.Flow, null, t.Rig.Wall, Device, 0), "no firmware version");
            Expect.Throws(typeof(ArgumentException),
                () => new PresenceReporter(tooFast, t.Mqtt, t.Flow, null, t.Rig.Wall, Device, 0), "routine interval of 10 ms");
        }
    }
}
