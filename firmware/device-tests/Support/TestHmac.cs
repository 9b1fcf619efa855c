using System.Security.Cryptography;
using Uitpas.Edge.Protocol.Snapshots;

namespace Uitpas.Edge.DeviceTests.Support
{
    /// <summary>
    /// HMAC-SHA256 behind the protocol's interface: HMACSHA256.HashData(byte[], byte[]) exists with
    /// the same signature in nanoFramework.System.Security.Cryptography and in .NET.
    /// </summary>
    public sealed class TestHmac : IHmacSha256
    {
        public static readonly TestHmac Instance = new TestHmac();

        public static byte[] Mac(byte[] key, byte[] data)
        {
            return HMACSHA256.HashData(key, data);
        }

        public byte[] Compute(byte[] key, byte[] data, int offset, int count)
        {
            return HMACSHA256.HashData(key, offset == 0 && count == data.Length ? data : Bytes.Slice(data, offset, count));
        }
    }
}
