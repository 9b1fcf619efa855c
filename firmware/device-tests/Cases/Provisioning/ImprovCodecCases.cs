using System;
using nanoFramework.TestFramework;
using Uitpas.Edge.DeviceTests.Support;
using Uitpas.Edge.Protocol.Provisioning;

namespace Uitpas.Edge.DeviceTests.Cases.Provisioning
{
    /// <summary>The Improv Serial packet codec: byte layout, checksum, and a decoder that survives any bytes.</summary>
    [TestClass]
    public class ImprovCodecCases
    {
        private static string Ascii(byte[] bytes, int offset, int count)
        {
            return Bytes.Text(Bytes.Slice(bytes, offset, count));
        }

        private static void Feed(ImprovDecoder decoder, byte[] bytes)
        {
            decoder.Feed(bytes, 0, bytes.Length);
        }

        [TestMethod]
        public void Wifi_settings_command_has_the_layout_of_the_improv_spec()
        {
            byte[] packet = ImprovPacket.RpcCommand(ImprovCommand.WifiSettings, new string[] { "MyWirelessAP", "mysecurepassword" });

            Assert.AreEqual("IMPROV", Ascii(packet, 0, 6), "header");
            Assert.Equal(new byte[] { 1, 0x03, 32, 0x01, 0x1E, 0x0C }, Bytes.Slice(packet, 6, 6), "version, type, length, command, body length, ssid length");
            Assert.AreEqual("MyWirelessAP", Ascii(packet, 12, 12), "ssid");
            Assert.AreEqual((byte)0x10, packet[24], "password length");
            Assert.AreEqual("mysecurepassword", Ascii(packet, 25, 16), "password");
            int sum = 0;
            for (int i = 0; i < packet.Length - 2; i++)
            {
                sum += packet[i];
            }
            Assert.AreEqual((byte)(sum & 0xFF), packet[packet.Length - 2], "checksum");
            Assert.AreEqual((byte)'\n', packet[packet.Length - 1], "newline");
        }

        [TestMethod]
        public void Checksum_is_the_low_byte_of_the_sum_of_every_preceding_byte()
        {
            // IMPROV (0x1DD) + version 1 + type 1 + length 1 + state 2 = 0x1E2 → 0xE2.
            Assert.Equal(new byte[] { (byte)'I', (byte)'M', (byte)'P', (byte)'R', (byte)'O', (byte)'V', 1, 1, 1, 2, 0xE2, (byte)'\n' },
                ImprovPacket.CurrentState(ImprovState.Authorized), "the current-state packet");
        }

        [DataRow(ImprovPacket.TypeCurrentState)]
        [DataRow(ImprovPacket.TypeErrorState)]
        [DataRow(ImprovPacket.TypeRpcCommand)]
        [DataRow(ImprovPacket.TypeRpcResult)]
        public void Every_packet_type_round_trips_through_the_decoder(byte type)
        {
            byte[] data = type == ImprovPacket.TypeCurrentState || type == ImprovPacket.TypeErrorState
                ? new byte[] { 0x03 }
                : ImprovRpc.Encode(ImprovCommand.RequestInfo, new string[] { "Uitpas.Edge", "1.2.0", "esp32", "vt-001" });
            ImprovDecoder decoder = new ImprovDecoder();

            Feed(decoder, ImprovPacket.Encode(type, data));

            ImprovPacket packet = decoder.Next();
            Assert.IsNotNull(packet, "a packet");
            Assert.AreEqual(type, packet.Type, "type");
            Assert.Equal(data, packet.Data, "data");
            Assert.IsNull(decoder.Next(), "one packet only");
            Assert.AreEqual(0, decoder.Rejected, "nothing rejected");
        }

        [TestMethod]
        public void Rpc_strings_round_trip_including_empty_and_non_ascii_ones()
        {
            string reason;
            ImprovRpc rpc = ImprovRpc.TryParse(ImprovRpc.Encode(0xA0, new string[] { "language", "", "café" }), out reason);

            Assert.IsNull(reason, "no reason");
            Assert.AreEqual((byte)0xA0, rpc.Command, "command");
            Assert.Equal(new string[] { "language", "", "café" }, rpc.Strings, "strings");
        }

        [TestMethod]
        public void Packets_are_found_between_log_lines_and_split_reads()
        {
            byte[] state = ImprovPacket.CurrentState(ImprovState.Provisioned);
            byte[] result = ImprovPacket.RpcResult(ImprovCommand.Commit, new string[] { "ok" });
            byte[] stream = Bytes.Concat(Bytes.Concat(Bytes.Utf8("I (312) boot: ESP-IDF v5.1 IMPRO\r\n"), state),
                Bytes.Concat(Bytes.Utf8("log IMPROVISED\n"), result));
            ImprovDecoder decoder = new ImprovDecoder();

            for (int i = 0; i < stream.Length; i++)
            {
                decoder.Feed(new byte[] { stream[i] }, 0, 1);
            }

            Assert.AreEqual(ImprovPacket.TypeCurrentState, decoder.Next().Type, "the state packet");
            string reason;
            Assert.Equal(new string[] { "ok" }, ImprovRpc.TryParse(decoder.Next().Data, out reason).Strings, "the result packet");
            Assert.IsNull(decoder.Next(), "nothing more");
        }

        [TestMethod]
        public void Bad_checksum_is_rejected_and_the_next_packet_still_decodes()
        {
            byte[] bad = ImprovPacket.ErrorState(ImprovError.None);
            bad[bad.Length - 2] ^= 0x55;
            byte[] good = ImprovPacket.ErrorState(ImprovError.UnknownRpc);
            ImprovDecoder decoder = new ImprovDecoder();

            Feed(decoder, Bytes.Concat(bad, good));

            Assert.AreEqual(1, decoder.Rejected, "one rejected");
            Assert.Contains("checksum", decoder.LastRejection, "reason");
            Assert.Equal(new byte[] { ImprovError.UnknownRpc }, decoder.Next().Data, "the good packet");
            Assert.IsNull(decoder.Next(), "nothing more");
        }

        [TestMethod]
        public void Truncated_packet_does_not_swallow_the_packet_after_it()
        {
            byte[] cut = Bytes.Slice(ImprovPacket.RpcResult(ImprovCommand.RequestInfo, new string[] { "Uitpas.Edge", "1.0", "esp32", "vt-001" }), 0, 20);
            byte[] good = ImprovPacket.CurrentState(ImprovState.Authorized);
            ImprovDecoder decoder = new ImprovDecoder();

            Feed(decoder, Bytes.Concat(cut, good));
            // The cut packet's length still asks for more bytes: the next bytes complete and fail it.
            Feed(decoder, new byte[40]);

            Assert.IsTrue(decoder.Rejected >= 1, "the cut packet rejected");
            ImprovPacket packet = decoder.Next();
            Assert.IsNotNull(packet, "the next packet");
            Assert.AreEqual(ImprovPacket.TypeCurrentState, packet.Type, "its type");
        }

        [DataRow((byte)2, (byte)0x01, "version")]
        [DataRow((byte)1, (byte)0x09, "unknown packet type")]
        public void Wrong_version_or_type_is_rejected(byte version, byte type, string reason)
        {
            byte[] packet = ImprovPacket.Encode(type == 0x09 ? (byte)0x01 : type, new byte[] { 0x02 });
            packet[6] = version;
            packet[7] = type;
            ImprovDecoder decoder = new ImprovDecoder();

            Feed(decoder, packet);

            Assert.IsNull(decoder.Next(), "no packet");
            Assert.Contains(reason, decoder.LastRejection, "reason");
        }

        [TestMethod]
        public void Null_or_out_of_range_input_is_ignored_without_throwing()
        {
            ImprovDecoder decoder = new ImprovDecoder();
            byte[] good = ImprovPacket.CurrentState(ImprovState.Authorized);

            decoder.Feed(null, 0, 5);
            decoder.Feed(new byte[] { 1, 2 }, 1, 9);
            decoder.Feed(good, -1, 3);
            Feed(decoder, good);

            ImprovPacket packet = decoder.Next();
            Assert.IsNotNull(packet, "the decoder still decodes");
            Assert.AreEqual(ImprovPacket.TypeCurrentState, packet.Type, "the good packet");
            Assert.IsNull(decoder.Next(), "nothing invented from the bad input");
        }

        [DataRow("", "needs a command")]
        [DataRow("010501", "length says 5")]
        [DataRow("0103056162", "runs past the end")]
        [DataRow("010201c3", "not UTF-8")]
        public void Malformed_rpc_data_is_refused_with_a_reason(string dataHex, string reason)
        {
            string why;
            Assert.IsNull(ImprovRpc.TryParse(Bytes.FromHex(dataHex), out why), "refused");
            Assert.Contains(reason, why, "reason");
        }

        [TestMethod]
        public void Rpc_that_does_not_fit_one_packet_is_refused_when_built()
        {
            Expect.Throws(typeof(ArgumentException),
                () => ImprovRpc.Encode(ImprovCommand.SetSetting, new string[] { "broker.ca", new string('A', 250) }), "too long for a packet");
            Assert.AreEqual(255, ImprovRpc.Encode(ImprovCommand.SetSetting, new string[] { "k", new string('A', 250) }).Length, "the largest that fits");
        }
    }
}
