namespace Uitpas.Edge.Protocol.Snapshots
{
    /// <summary>
    /// HMAC-SHA256 (RFC 2104) of one byte range under a key: the only primitive the snapshot
    /// tag needs, and one the device has (nanoFramework's HMACSHA256.ComputeHash).
    /// </summary>
    public interface IHmacSha256
    {
        /// <summary>The 32-byte MAC of <paramref name="count"/> bytes of <paramref name="data"/> from <paramref name="offset"/>.</summary>
        byte[] Compute(byte[] key, byte[] data, int offset, int count);
    }
}
