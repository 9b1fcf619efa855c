namespace Uitpas.Edge.Protocol.Provisioning
{
    /// <summary>
    /// One Improv Serial packet (https://www.improv-wifi.com/serial/): <c>"IMPROV"</c>, version 1,
    /// type, data length, data, checksum (the sum of every preceding byte, low 8 bits), then a
    /// <c>\n</c> that readers skip. The builders here make the bytes; <see cref="ImprovDecoder"/>
    /// finds packets in a byte stream that may carry other output (a board's log) between them.
    /// </summary>
    public sealed class ImprovPacket
    {
        public const byte Version = 1;
        public const int HeaderLength = 6;

        /// <summary>Header, version, type and length: the bytes before the data.</summary>
        public const int PrefixLength = 9;

        public const int MaxDataLength = 255;

        public const byte TypeCurrentState = 0x01;
        public const byte TypeErrorState = 0x02;
        public const byte TypeRpcCommand = 0x03;
        public const byte TypeRpcResult = 0x04;

        private static readonly byte[] Header = new byte[] { (byte)'I', (byte)'M', (byte)'P', (byte)'R', (byte)'O', (byte)'V' };

        public ImprovPacket(byte type, byte[] data)
        {
            Type = type;
            Data = data == null ? new byte[0] : data;
        }

        public byte Type { get; private set; }
        public byte[] Data { get; private set; }

        /// <summary>The header byte at <paramref name="index"/> (0 to 5).</summary>
        public static byte HeaderByte(int index)
        {
            return Header[index];
        }

        public static bool IsKnownType(byte type)
        {
            return type >= TypeCurrentState && type <= TypeRpcResult;
        }

        /// <summary>The packet's bytes with checksum and trailing <c>\n</c>. Throws ArgumentException for more than 255 data bytes.</summary>
        public static byte[] Encode(byte type, byte[] data)
        {
            int length = data == null ? 0 : data.Length;
            if (length > MaxDataLength)
            {
                throw new System.ArgumentException("an Improv packet carries at most 255 data bytes");
            }
            byte[] packet = new byte[PrefixLength + length + 2];
            for (int i = 0; i < HeaderLength; i++)
            {
                packet[i] = Header[i];
            }
            packet[6] = Version;
            packet[7] = type;
            packet[8] = (byte)length;
            for (int i = 0; i < length; i++)
            {
                packet[PrefixLength + i] = data[i];
            }
            packet[PrefixLength + length] = Checksum(packet, 0, PrefixLength + length);
            packet[PrefixLength + length + 1] = (byte)'\n';
            return packet;
        }

        public static byte[] CurrentState(byte state)
        {
            return Encode(TypeCurrentState, new byte[] { state });
        }

        public static byte[] ErrorState(byte error)
        {
            return Encode(TypeErrorState, new byte[] { error });
        }

        /// <summary>An RPC command packet: the command and its strings (see <see cref="ImprovRpc"/>).</summary>
        public static byte[] RpcCommand(byte command, string[] strings)
        {
            return Encode(TypeRpcCommand, ImprovRpc.Encode(command, strings));
        }

        /// <summary>An RPC result packet: the command answered and the result strings.</summary>
        public static byte[] RpcResult(byte command, string[] strings)
        {
            return Encode(TypeRpcResult, ImprovRpc.Encode(command, strings));
        }

        /// <summary>The sum of the bytes, low 8 bits.</summary>
        public static byte Checksum(byte[] bytes, int offset, int count)
        {
            int sum = 0;
            for (int i = offset; i < offset + count; i++)
            {
                sum += bytes[i];
            }
            return (byte)(sum & 0xFF);
        }
    }
}
