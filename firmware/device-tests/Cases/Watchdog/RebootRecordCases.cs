using nanoFramework.TestFramework;
using Uitpas.Edge.Core.Watchdog;
using Uitpas.Edge.DeviceTests.Support;

namespace Uitpas.Edge.DeviceTests.Cases.Watchdog
{
    /// <summary>Why the terminal rebooted itself survives the reboot, and the next boot says it once.</summary>
    [TestClass]
    public class RebootRecordCases
    {
        [TestMethod]
        public void Record_round_trips_through_the_blob_store()
        {
            MemoryBlobStore blobs = new MemoryBlobStore();
            RebootRecord.Save(blobs, "watchdog: main loop silent 10 s", 11520000);

            RebootRecord back = RebootRecord.Load(blobs);
            Assert.IsNotNull(back, "read back");
            Assert.AreEqual("watchdog: main loop silent 10 s", back.Reason, "reason");
            Assert.AreEqual(11520000L, back.UptimeMs, "uptime");
            Assert.AreEqual((uint)1, back.Count, "first reboot");
            Assert.IsFalse(back.Reported, "not printed yet");
        }

        [TestMethod]
        public void Count_goes_up_with_every_reboot()
        {
            MemoryBlobStore blobs = new MemoryBlobStore();
            RebootRecord.Save(blobs, "watchdog: wifi", 1000);
            RebootRecord.TakeUnreported(blobs);
            RebootRecord.Save(blobs, "memory: free 9000 B", 2000);
            RebootRecord third = RebootRecord.Save(blobs, "watchdog: mqtt", 3000);
            Assert.AreEqual((uint)3, third.Count, "three reboots");
            Assert.AreEqual((uint)3, RebootRecord.Load(blobs).Count, "stored");
        }

        [TestMethod]
        public void Next_boot_prints_the_record_once()
        {
            MemoryBlobStore blobs = new MemoryBlobStore();
            RebootRecord.Save(blobs, "watchdog: main loop", 3 * 3600000 + 12 * 60000);

            RebootRecord first = RebootRecord.TakeUnreported(blobs);
            Assert.IsNotNull(first, "the first boot after gets it");
            Assert.AreEqual("[reboot] the last run ended: watchdog: main loop after 3 h 12 min (reboot 1 since flashing)",
                first.Describe(), "the console line");
            Assert.IsNull(RebootRecord.TakeUnreported(blobs), "the boot after that does not");
            Assert.AreEqual((uint)1, RebootRecord.Load(blobs).Count, "the count stays");
        }

        [TestMethod]
        public void Torn_or_foreign_bytes_decode_to_nothing()
        {
            byte[] good = new RebootRecord("watchdog: wifi", 5000, 2, false).Encode();
            Assert.IsNull(RebootRecord.Decode(null), "nothing stored");
            Assert.IsNull(RebootRecord.Decode(new byte[0]), "empty");
            for (int cut = 0; cut < good.Length; cut++)
            {
                byte[] torn = new byte[cut];
                System.Array.Copy(good, torn, cut);
                Assert.IsNull(RebootRecord.Decode(torn), "torn at " + cut);
            }
            for (int i = 0; i < good.Length; i++)
            {
                byte[] flipped = (byte[])good.Clone();
                flipped[i] ^= 0x10;
                Assert.IsNull(RebootRecord.Decode(flipped), "bit flipped in byte " + i);
            }
            Assert.IsNotNull(RebootRecord.Decode(good), "the good one decodes");
        }

        [TestMethod]
        public void Long_or_unprintable_reason_is_kept_short_and_printable()
        {
            string reason = "crash: \u00e9\n";
            for (int i = 0; i < 10; i++)
            {
                reason += "0123456789";
            }
            RebootRecord back = RebootRecord.Decode(new RebootRecord(reason, 1, 1, false).Encode());
            Assert.AreEqual(RebootRecord.MaxReasonLength, back.Reason.Length, "cut to the limit");
            Assert.StartsWith("crash: ??0123", back.Reason, "unprintable characters replaced");
        }
    }
}
