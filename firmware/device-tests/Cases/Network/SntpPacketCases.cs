using nanoFramework.TestFramework;
using Uitpas.Edge.Core.Network;

namespace Uitpas.Edge.DeviceTests.Cases.Network
{
    /// <summary>The terminal's own SNTP question and the checks on the answer (RFC 4330).</summary>
    [TestClass]
    public class SntpPacketCases
    {
        private const long Time = 1795000000123L; // 2026-11-18

        [TestMethod]
        public void Request_is_a_version_4_client_packet_of_48_bytes()
        {
            byte[] request = SntpPacket.Request();
            Assert.AreEqual(48, request.Length, "length");
            Assert.AreEqual((byte)0x23, request[0], "LI 0, version 4, mode 3 (client)");
        }

        [TestMethod]
        public void Reply_gives_the_servers_time_plus_half_the_round_trip()
        {
            byte[] reply = Reply(0x24, 2, Time);
            string error;
            Assert.AreEqual(Time + 20, SntpPacket.ParseReply(reply, 48, 40, out error), "transmit time + 40 ms / 2");
            Assert.IsNull(error, "no error");
        }

        [TestMethod]
        public void Reply_from_an_unsynchronised_server_or_not_a_server_is_refused_with_a_reason()
        {
            string error;
            Assert.AreEqual(0L, SntpPacket.ParseReply(Reply(0xE4, 2, Time), 48, 0, out error), "leap indicator 3");
            Assert.Contains("not synchronised", error, "reason");
            Assert.AreEqual(0L, SntpPacket.ParseReply(Reply(0x24, 0, Time), 48, 0, out error), "stratum 0 (kiss-o'-death)");
            Assert.Contains("stratum 0", error, "reason");
            Assert.AreEqual(0L, SntpPacket.ParseReply(Reply(0x23, 2, Time), 48, 0, out error), "mode 3 is a client");
            Assert.Contains("mode 3", error, "reason");
            Assert.AreEqual(0L, SntpPacket.ParseReply(Reply(0x24, 2, -SntpPacket.UnixEpochInNtpSeconds * 1000), 48, 0, out error), "no time");
            Assert.IsNotNull(error, "reason");
        }

        [TestMethod]
        public void Short_or_missing_reply_is_refused_without_throwing()
        {
            string error;
            Assert.AreEqual(0L, SntpPacket.ParseReply(null, 0, 0, out error), "null");
            Assert.AreEqual(0L, SntpPacket.ParseReply(new byte[47], 47, 0, out error), "47 bytes");
            Assert.Contains("shorter", error, "reason");
            Assert.AreEqual(0L, SntpPacket.ParseReply(new byte[10], 48, 0, out error), "count beyond the buffer");
        }

        [TestMethod]
        public void Time_after_2036_is_read_in_the_next_ntp_era()
        {
            long in2040 = 2208988800000L; // 2040-01-01 00:00 UTC
            string error;
            Assert.AreEqual(in2040, SntpPacket.ParseReply(Reply(0x24, 1, in2040), 48, 0, out error), "era 1");
        }

        private static byte[] Reply(int first, int stratum, long unixMs)
        {
            byte[] reply = new byte[48];
            reply[0] = (byte)first;
            reply[1] = (byte)stratum;
            SntpPacket.WriteTransmit(reply, unixMs);
            return reply;
        }
    }
}
