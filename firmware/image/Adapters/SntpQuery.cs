using System.Net;
using System.Net.Sockets;
using Uitpas.Edge.Core.Network;

namespace Uitpas.Edge.Firmware.Adapters
{
    /// <summary>
    /// One SNTP question over UDP (the packet and its checks are the core's
    /// <see cref="SntpPacket"/>). The nanoFramework API this image is built against has no
    /// managed SNTP client: the ESP32's native SNTP sets the clock when the WiFi helper is asked
    /// for a valid date, and this query is how the terminal re-syncs on its own schedule.
    /// </summary>
    public static class SntpQuery
    {
        /// <summary>The server's time as Unix ms (half the round trip added), or 0 with <paramref name="error"/>.</summary>
        public static long Ask(string host, int timeoutMs, out string error)
        {
            Socket socket = null;
            try
            {
                IPAddress address = Dns.GetHostEntry(host).AddressList[0];
                socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                socket.ReceiveTimeout = timeoutMs;
                socket.SendTimeout = timeoutMs;
                EndPoint server = new IPEndPoint(address, SntpPacket.Port);
                byte[] packet = SntpPacket.Request();
                long sentMs = System.Environment.TickCount64;
                socket.SendTo(packet, server);
                int count = socket.ReceiveFrom(packet, ref server);
                long roundTripMs = System.Environment.TickCount64 - sentMs;
                return SntpPacket.ParseReply(packet, count, roundTripMs, out error);
            }
            catch (System.Exception e)
            {
                error = e.Message;
                return 0;
            }
            finally
            {
                if (socket != null)
                {
                    socket.Close();
                }
            }
        }
    }
}
