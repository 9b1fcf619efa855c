using System.Security.Cryptography;
using Uitpas.Edge.Protocol.Snapshots;

namespace Uitpas.Edge.Firmware.Adapters
{
    /// <summary>
    /// HMAC-SHA256 of nanoFramework.System.Security.Cryptography (mbedTLS underneath). The device
    /// MACs whole arrays only: a range other than the whole array is copied first, which happens
    /// once per file (the tag's last, shorter chunk and its final step).
    /// </summary>
    public sealed class DeviceHmacSha256 : IHmacSha256
    {
        public byte[] Compute(byte[] key, byte[] data, int offset, int count)
        {
            if (offset == 0 && count == data.Length)
            {
                return HMACSHA256.HashData(key, data);
            }
            byte[] range = new byte[count];
            System.Array.Copy(data, offset, range, 0, count);
            return HMACSHA256.HashData(key, range);
        }
    }
}
