using System;
using System.Collections;
using nanoFramework.TestFramework;
using Uitpas.Edge.Core.Provisioning;
using Uitpas.Edge.DeviceTests.Support;
using Uitpas.Edge.Protocol.Provisioning;

namespace Uitpas.Edge.DeviceTests.Cases.Provisioning
{
    /// <summary>The terminal's side of Improv: settings collected, validated on commit, written only then.</summary>
    [TestClass]
    public class ImprovSessionCases
    {
        private static readonly string[] Info = new string[] { "Uitpas.Edge", "1.4.0", "esp32-wroom-32", "unprovisioned" };
        private static readonly string[] None = new string[0];
        private static readonly string[] Ok = new string[] { "ok" };

        private static ImprovSession Session(ImprovBoardDouble board)
        {
            return new ImprovSession(board, "Uitpas.Edge", "1.4.0", "esp32-wroom-32", "unprovisioned", false);
        }

        /// <summary>The packets the session answers one packet with.</summary>
        private static ArrayList Exchange(ImprovSession session, byte[] packet)
        {
            byte[] reply = session.Feed(packet, 0, packet.Length);
            ImprovDecoder decoder = new ImprovDecoder();
            decoder.Feed(reply, 0, reply.Length);
            Assert.AreEqual(0, decoder.Rejected, "the reply decodes");
            ArrayList packets = new ArrayList();
            for (ImprovPacket p = decoder.Next(); p != null; p = decoder.Next())
            {
                packets.Add(p);
            }
            return packets;
        }

        /// <summary>Sends one RPC and returns the strings of its result; fails when there is none.</summary>
        private static string[] Call(ImprovSession session, byte command, string[] strings)
        {
            ArrayList replies = Exchange(session, ImprovPacket.RpcCommand(command, strings));
            ImprovPacket result = null;
            for (int i = 0; i < replies.Count; i++)
            {
                ImprovPacket p = (ImprovPacket)replies[i];
                if (p.Type == ImprovPacket.TypeRpcResult)
                {
                    result = p;
                }
            }
            Assert.IsNotNull(result, "an RPC result for command " + command);
            string reason;
            ImprovRpc rpc = ImprovRpc.TryParse(result.Data, out reason);
            Assert.AreEqual(command, rpc.Command, "the result answers the command");
            return rpc.Strings;
        }

        private static void Set(ImprovSession session, string key, string value)
        {
            Call(session, ImprovCommand.SetSetting, new string[] { key, value });
        }

        private static byte[] States(ArrayList packets)
        {
            ArrayList states = new ArrayList();
            for (int i = 0; i < packets.Count; i++)
            {
                ImprovPacket p = (ImprovPacket)packets[i];
                if (p.Type == ImprovPacket.TypeCurrentState)
                {
                    states.Add(p.Data[0]);
                }
            }
            return (byte[])states.ToArray(typeof(byte));
        }

        private static bool Has(ArrayList packets, byte type, byte firstData)
        {
            for (int i = 0; i < packets.Count; i++)
            {
                ImprovPacket p = (ImprovPacket)packets[i];
                if (p.Type == type && p.Data.Length > 0 && p.Data[0] == firstData)
                {
                    return true;
                }
            }
            return false;
        }

        [TestMethod]
        public void Settings_then_commit_write_device_cfg_in_the_order_sent()
        {
            ImprovBoardDouble board = new ImprovBoardDouble();
            ImprovSession session = Session(board);
            Assert.Equal(None, Call(session, ImprovCommand.SetSetting, new string[] { "device", "vt-001" }), "device set");
            Assert.Equal(None, Call(session, ImprovCommand.SetSetting, new string[] { "broker.host", "broker.venue.local" }), "broker set");
            Assert.Equal(None, Call(session, ImprovCommand.SetSetting, new string[] { "language", "fr" }), "language set");
            Assert.Equal(None, Call(session, ImprovCommand.WifiSettings, new string[] { "Bib Gent", "s3cret" }), "wifi set");
            Assert.IsNull(board.Written, "nothing written before the commit");

            Assert.Equal(Ok, Call(session, ImprovCommand.Commit, None), "commit");

            Assert.AreEqual("device=vt-001\nbroker.host=broker.venue.local\nlanguage=fr\nwifi.ssid=Bib Gent\nwifi.password=s3cret\n", board.Written, "device.cfg");
            Assert.AreEqual("vt-001", session.Committed.DeviceId, "committed config");
            Assert.AreEqual(ImprovState.Provisioned, session.State, "provisioned");
            Assert.AreEqual("vt-001", Call(session, ImprovCommand.RequestInfo, None)[3], "device info names the device");
        }

        [TestMethod]
        public void Invalid_settings_are_refused_naming_the_line_and_nothing_is_written()
        {
            ImprovBoardDouble board = new ImprovBoardDouble();
            ImprovSession session = Session(board);
            Set(session, "device", "vt-001");
            Set(session, "wifi.ssid", "net");
            Set(session, "broker.port", "70000");
            Set(session, "broker.host", "h");

            Assert.Equal(new string[] { "line 3: broker.port must be a number from 1 to 65535" }, Call(session, ImprovCommand.Commit, None), "commit refused");
            Assert.IsNull(board.Written, "nothing written");
            Assert.IsNull(session.Committed, "nothing committed");
            Assert.AreEqual(ImprovState.Authorized, session.State, "still authorized");
        }

        [TestMethod]
        public void Missing_setting_and_unknown_key_are_refused_at_commit()
        {
            ImprovBoardDouble board = new ImprovBoardDouble();
            ImprovSession session = Session(board);
            Set(session, "device", "vt-001");
            Assert.Equal(new string[] { "wifi.ssid is missing" }, Call(session, ImprovCommand.Commit, None), "missing ssid");
            Set(session, "colour", "red");
            Assert.Equal(new string[] { "line 2: unknown key 'colour'" }, Call(session, ImprovCommand.Commit, None), "unknown key");
            Assert.IsNull(board.Written, "nothing written");
        }

        [TestMethod]
        public void Abort_forgets_the_pending_settings()
        {
            ImprovBoardDouble board = new ImprovBoardDouble();
            ImprovSession session = Session(board);
            Set(session, "device", "vt-001");
            Call(session, ImprovCommand.WifiSettings, new string[] { "net", "pw" });
            Assert.AreEqual(3, session.PendingCount, "pending settings");

            Assert.Equal(None, Call(session, ImprovCommand.Abort, None), "abort");

            Assert.AreEqual(0, session.PendingCount, "forgotten");
            Assert.Equal(new string[] { "no settings to commit" }, Call(session, ImprovCommand.Commit, None), "nothing to commit");
            Assert.IsNull(board.Written, "nothing written");
        }

        [TestMethod]
        public void Long_value_is_sent_in_parts_with_append()
        {
            ImprovBoardDouble board = new ImprovBoardDouble();
            ImprovSession session = Session(board);
            byte[] der = new byte[601];
            der[0] = 0x30;
            for (int i = 0; i < 600; i++)
            {
                der[i + 1] = (byte)i;
            }
            string ca = Convert.ToBase64String(der);
            Set(session, "device", "vt-001");
            Set(session, "wifi.ssid", "net");
            Set(session, "broker.host", "h");
            Set(session, "broker.tls", "true");
            Set(session, "broker.ca", ca.Substring(0, 200));
            for (int at = 200; at < ca.Length; at += 200)
            {
                int n = ca.Length - at < 200 ? ca.Length - at : 200;
                Assert.Equal(None, Call(session, ImprovCommand.AppendSetting, new string[] { "broker.ca", ca.Substring(at, n) }), "part at " + at);
            }

            Assert.Equal(Ok, Call(session, ImprovCommand.Commit, None), "commit");
            Assert.AreEqual(601, session.Committed.BrokerCaCertificate.Length, "the whole CA");
        }

        [TestMethod]
        public void Setting_a_key_again_replaces_its_value()
        {
            ImprovBoardDouble board = new ImprovBoardDouble();
            ImprovSession session = Session(board);
            Set(session, "device", "vt-001");
            Set(session, "wifi.ssid", "net");
            Set(session, "broker.host", "old");
            Set(session, "broker.host", "new");

            Assert.Equal(Ok, Call(session, ImprovCommand.Commit, None), "commit");
            Assert.AreEqual("device=vt-001\nwifi.ssid=net\nbroker.host=new\n", board.Written, "the latest value in its place");
        }

        [TestMethod]
        public void Wifi_rpc_joins_the_network_and_reports_the_improv_states()
        {
            ImprovBoardDouble board = new ImprovBoardDouble();
            ImprovSession session = Session(board);

            ArrayList replies = Exchange(session, ImprovPacket.RpcCommand(ImprovCommand.WifiSettings, new string[] { "Bib Gent", "s3cret" }));

            Assert.AreEqual("Bib Gent", board.JoinedSsid, "ssid joined");
            Assert.AreEqual("s3cret", board.JoinedPassword, "with the password");
            Assert.Equal(new byte[] { ImprovState.Provisioning, ImprovState.Provisioned }, States(replies), "states");
            Assert.IsTrue(Has(replies, ImprovPacket.TypeRpcResult, ImprovCommand.WifiSettings), "an RPC result for the WiFi command");
        }

        [TestMethod]
        public void Wifi_that_cannot_be_joined_gives_the_unable_to_connect_error()
        {
            ImprovBoardDouble board = new ImprovBoardDouble();
            board.WifiWorks = false;
            ImprovSession session = Session(board);

            ArrayList replies = Exchange(session, ImprovPacket.RpcCommand(ImprovCommand.WifiSettings, new string[] { "Bib Gent", "wrong" }));

            Assert.IsTrue(Has(replies, ImprovPacket.TypeErrorState, ImprovError.UnableToConnect), "unable to connect");
            Assert.AreEqual(ImprovState.Authorized, session.State, "still authorized");
            Assert.AreEqual(0, session.PendingCount, "nothing pending");
        }

        [TestMethod]
        public void Device_info_and_state_are_answered()
        {
            ImprovSession session = Session(new ImprovBoardDouble());
            Assert.Equal(Info, Call(session, ImprovCommand.RequestInfo, None), "device info");

            ArrayList replies = Exchange(session, ImprovPacket.RpcCommand(ImprovCommand.RequestState, None));
            Assert.Equal(new byte[] { ImprovState.Authorized }, States(replies), "state");
        }

        [TestMethod]
        public void Unknown_command_and_malformed_rpc_give_error_states_not_exceptions()
        {
            ImprovSession session = Session(new ImprovBoardDouble());
            Assert.IsTrue(Has(Exchange(session, ImprovPacket.RpcCommand(0x7E, None)), ImprovPacket.TypeErrorState, ImprovError.UnknownRpc), "unknown command");
            Assert.IsTrue(Has(Exchange(session, ImprovPacket.Encode(ImprovPacket.TypeRpcCommand, new byte[] { 0xA0, 9, 1 })), ImprovPacket.TypeErrorState, ImprovError.InvalidRpc), "malformed RPC");
            Assert.IsTrue(Has(Exchange(session, ImprovPacket.RpcCommand(ImprovCommand.SetSetting, new string[] { "bad=key", "x" })), ImprovPacket.TypeErrorState, ImprovError.InvalidRpc), "a key with '='");
            Assert.IsTrue(Has(Exchange(session, ImprovPacket.RpcCommand(ImprovCommand.SetSetting, new string[] { "device", "a\nbroker.host=evil" })), ImprovPacket.TypeErrorState, ImprovError.InvalidRpc), "a value with a newline");
            Assert.IsTrue(Has(Exchange(session, ImprovPacket.RpcCommand(ImprovCommand.AppendSetting, new string[] { "device", "x" })), ImprovPacket.TypeErrorState, ImprovError.InvalidRpc), "append without a set");
            Assert.AreEqual(0, session.PendingCount, "nothing pending");
        }

        [TestMethod]
        public void Write_failure_is_the_commit_result_and_the_settings_stay_pending()
        {
            ImprovBoardDouble board = new ImprovBoardDouble();
            board.WriteProblem = "flash full";
            ImprovSession session = Session(board);
            Set(session, "device", "vt-001");
            Set(session, "wifi.ssid", "net");
            Set(session, "broker.host", "h");

            Assert.Equal(new string[] { "could not write device.cfg: flash full" }, Call(session, ImprovCommand.Commit, None), "commit result");
            Assert.IsNull(session.Committed, "nothing committed");

            board.WriteProblem = null;
            Assert.Equal(Ok, Call(session, ImprovCommand.Commit, None), "commit again");
        }

        [TestMethod]
        public void Garbage_bytes_between_commands_are_ignored()
        {
            ImprovSession session = Session(new ImprovBoardDouble());
            byte[] noise = new byte[300];
            new Random(3).NextBytes(noise);

            Assert.AreEqual(0, session.Feed(noise, 0, noise.Length).Length, "no answer to noise");
            Assert.Equal(Info, Call(session, ImprovCommand.RequestInfo, None), "device info still answered");
        }
    }
}
