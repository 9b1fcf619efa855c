using Uitpas.Edge.Protocol.Snapshots;

namespace Uitpas.Edge.Protocol.Provisioning
{
    /// <summary>
    /// The data of an RPC command or RPC result packet: command byte, length of the rest, then
    /// strings, each one length byte and that many UTF-8 bytes.
    /// </summary>
    public sealed class ImprovRpc
    {
        /// <summary>The most string bytes (with their length bytes) one RPC carries: 255 minus command and length.</summary>
        public const int MaxBodyLength = ImprovPacket.MaxDataLength - 2;

        private ImprovRpc(byte command, string[] strings)
        {
            Command = command;
            Strings = strings;
        }

        public byte Command { get; private set; }

        /// <summary>The strings in order; empty when there are none.</summary>
        public string[] Strings { get; private set; }

        /// <summary>The command byte, length and length-prefixed UTF-8 strings. Throws ArgumentException when they do not fit one packet.</summary>
        public static byte[] Encode(byte command, string[] strings)
        {
            int count = strings == null ? 0 : strings.Length;
            byte[][] encoded = new byte[count][];
            int body = 0;
            for (int i = 0; i < count; i++)
            {
                encoded[i] = System.Text.Encoding.UTF8.GetBytes(strings[i] == null ? string.Empty : strings[i]);
                if (encoded[i].Length > 255)
                {
                    throw new System.ArgumentException("an Improv string is at most 255 bytes");
                }
                body += 1 + encoded[i].Length;
            }
            if (body > MaxBodyLength)
            {
                throw new System.ArgumentException("the strings of an Improv RPC fit in " + MaxBodyLength + " bytes, not " + body);
            }
            byte[] data = new byte[2 + body];
            data[0] = command;
            data[1] = (byte)body;
            int at = 2;
            for (int i = 0; i < count; i++)
            {
                data[at++] = (byte)encoded[i].Length;
                for (int k = 0; k < encoded[i].Length; k++)
                {
                    data[at++] = encoded[i][k];
                }
            }
            return data;
        }

        /// <summary>Reads packet data as an RPC; null with <paramref name="reason"/> when it is not one. Never throws.</summary>
        public static ImprovRpc TryParse(byte[] data, out string reason)
        {
            reason = null;
            if (data == null || data.Length < 2)
            {
                reason = "an RPC needs a command and a length";
                return null;
            }
            int body = data[1];
            if (body != data.Length - 2)
            {
                reason = "the RPC length says " + body + " bytes but " + (data.Length - 2) + " follow";
                return null;
            }
            int count = 0;
            int at = 2;
            while (at < data.Length)
            {
                int length = data[at];
                if (at + 1 + length > data.Length)
                {
                    reason = "string " + (count + 1) + " runs past the end of the RPC";
                    return null;
                }
                if (!Utf8.IsValid(data, at + 1, length))
                {
                    reason = "string " + (count + 1) + " is not UTF-8";
                    return null;
                }
                at += 1 + length;
                count++;
            }
            string[] strings = new string[count];
            at = 2;
            for (int i = 0; i < count; i++)
            {
                int length = data[at];
                strings[i] = length == 0 ? string.Empty : System.Text.Encoding.UTF8.GetString(data, at + 1, length);
                at += 1 + length;
            }
            return new ImprovRpc(data[0], strings);
        }
    }
}
