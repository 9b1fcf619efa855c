using System;
using System.Collections;
using nanoFramework.TestFramework;
using Uitpas.Edge.Core.Provisioning;
using Uitpas.Edge.Core.Snapshots;
using Uitpas.Edge.DeviceTests.Support;
using Uitpas.Edge.Protocol.Distribution;
using Uitpas.Edge.Protocol.Snapshots;

namespace Uitpas.Edge.DeviceTests.Cases.Snapshots
{
    /// <summary>Snapshot provisioning (card system and key in device.cfg), settings checked at start, HTTP download with MQTT fallback.</summary>
    [TestClass]
    public class SnapshotProvisioningCases
    {
        private const string Base = "device=vt-007\nwifi.ssid=x\nbroker.host=h\n";

        /// <summary>An HTTP server's ranged answers from the agent's files; <see cref="Down"/> makes every request go unanswered.</summary>
        private sealed class HttpDouble : ISnapshotHttp
        {
            private readonly Hashtable _files;
            private readonly Queue _answers = new Queue();

            public HttpDouble(Hashtable files)
            {
                _files = files;
                Urls = new ArrayList();
            }

            public bool Down { get; set; }

            public int Requests { get; private set; }

            public ArrayList Urls { get; }

            public bool Request(string url, string file, long offset, int count)
            {
                Requests++;
                Urls.Add(url + file);
                if (!Down)
                {
                    byte[] data = (byte[])_files[file];
                    int n = data.Length - offset < count ? (int)(data.Length - offset) : count;
                    ChunkAnswer answer;
                    string error;
                    Assert.IsTrue(ChunkAnswer.TryParse(ChunkAnswer.Encode(ChunkStatus.Ok, file, offset, data.Length, data, (int)offset, n), out answer, out error),
                        "a chunk answer: " + error);
                    _answers.Enqueue(answer);
                }
                return true;
            }

            public ChunkAnswer Poll()
            {
                return _answers.Count > 0 ? (ChunkAnswer)_answers.Dequeue() : null;
            }
        }

        private static string KeyHex()
        {
            return Bytes.Hex(SnapshotMaker.Key()).ToUpper();
        }

        [TestMethod]
        public void Card_system_and_snapshot_key_are_read_from_the_device_config()
        {
            string error;
            DeviceConfig config = DeviceConfig.Parse(Base + "cardSystem=12\nsnapshotKey=" + KeyHex() + "\n", out error);

            Assert.IsNull(error, "no error");
            Assert.IsTrue(config.HasSnapshots, "snapshots provisioned");
            Assert.AreEqual(12u, config.CardSystemId, "card system");
            Assert.Equal(SnapshotMaker.Key(), config.SnapshotKey, "snapshot key");
            Assert.IsFalse(DeviceConfig.Parse(Base, out error).HasSnapshots, "no snapshots without the keys");
        }

        [DataRow("cardSystem=12\n", "snapshotKey is missing")]
        [DataRow("snapshotKey=@\n", "cardSystem is missing")]
        [DataRow("cardSystem=0\nsnapshotKey=@\n", "line 4: cardSystem")]
        [DataRow("cardSystem=12\nsnapshotKey=abcd\n", "line 5: snapshotKey")]
        public void Incomplete_snapshot_provisioning_is_refused(string lines, string expected)
        {
            string error;
            Assert.IsNull(DeviceConfig.Parse(Base + Bytes.Replace(lines, "@", KeyHex()), out error), "refused");
            Assert.StartsWith(expected, error, "reason");
        }

        [TestMethod]
        public void Snapshot_settings_are_validated_before_the_updater_starts()
        {
            SnapshotFlash flash = new SnapshotFlash();
            Expect.Throws(typeof(ArgumentException),
                () => new SnapshotUpdater(new SnapshotSettings(SnapshotMaker.Device, SnapshotMaker.CardSystem, new byte[16]), flash, flash,
                    new AgentDouble(), TestHmac.Instance, null, null),
                "a 16-byte key");
            SnapshotSettings big = new SnapshotSettings(SnapshotMaker.Device, SnapshotMaker.CardSystem, SnapshotMaker.Key());
            big.ChunkSize = 8192;
            Assert.Contains("chunk size", big.Validate(), "chunk size over the bound");
            Assert.IsNull(new SnapshotSettings(SnapshotMaker.Device, SnapshotMaker.CardSystem, SnapshotMaker.Key()).Validate(), "defaults valid");
        }

        [TestMethod]
        public void Manifest_with_a_url_is_fetched_over_http_and_falls_back_to_mqtt()
        {
            SnapshotFlash flash = new SnapshotFlash();
            AgentDouble agent = new AgentDouble();
            HttpDouble http = new HttpDouble(agent.Files);
            SnapshotUpdater updater = new SnapshotUpdater(SnapshotRig.Settings(), flash, flash, agent, TestHmac.Instance, null, http);
            SnapshotDriver drive = new SnapshotDriver(agent, null);
            byte[] v1 = SnapshotMaker.Full(1, SnapshotRig.BlockedV1(), SnapshotRig.SocialV1());
            agent.Files["al-12-1"] = v1;

            agent.Announce(SnapshotRig.AllowlistTopic,
                new SnapshotManifest(SnapshotKind.Allowlist, 1, "al-12-1", v1.Length, SnapshotMaker.Tag(v1), new ManifestDelta[0], "http://agent:8080/snapshots/"));
            drive.Run(updater, () => updater.AllowlistVersion == 1);

            Assert.AreEqual(0, agent.Requests.Count, "nothing over MQTT");
            Assert.IsTrue(http.Requests > 0, "fetched over HTTP");
            for (int i = 0; i < http.Urls.Count; i++)
            {
                Assert.AreEqual("http://agent:8080/snapshots/al-12-1", (string)http.Urls[i], "url " + i);
            }

            byte[] v2 = SnapshotMaker.Full(2, new byte[][] { Uids.Numbered(5) }, SnapshotRig.SocialV1());
            agent.Files["al-12-2"] = v2;
            http.Down = true;
            agent.Announce(SnapshotRig.AllowlistTopic,
                new SnapshotManifest(SnapshotKind.Allowlist, 2, "al-12-2", v2.Length, SnapshotMaker.Tag(v2), new ManifestDelta[0], "http://agent:8080/snapshots/"));
            drive.Run(updater, () => updater.AllowlistVersion == 2);

            Assert.IsTrue(updater.AllowlistDownload.FellBackToMqtt, "fell back to MQTT");
            Assert.IsTrue(agent.Requests.Count > 0, "fetched over MQTT");
        }
    }
}
