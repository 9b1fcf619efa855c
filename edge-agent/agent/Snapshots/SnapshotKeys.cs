using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Uitpas.Edge.Protocol.Snapshots;

namespace Uitpas.Edge.Agent.Snapshots;

/// <summary>
/// The snapshot keys: each card system's key is
/// <c>HMAC-SHA256(masterSecret, "uitpas-edge/snapshot-key/v1/" + cs)</c> (32 bytes). A terminal is
/// provisioned with its card system's key (hex); the agent tags its allowlists and its events
/// snapshots with it.
/// </summary>
public sealed class SnapshotKeys
{
    /// <summary>Least master secret length.</summary>
    public const int MinMasterSecretBytes = 32;

    private const string Label = "uitpas-edge/snapshot-key/v1/";

    private readonly byte[] _master;

    /// <summary>Creates the key source from the configured master secret (validated at start).</summary>
    public SnapshotKeys(IOptions<SnapshotOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _master = TryDecodeMasterSecret(options.Value.MasterSecret) ?? [];
    }

    /// <summary>The 32-byte key of a card system.</summary>
    public byte[] For(uint cardSystemId) => Derive(_master, cardSystemId);

    /// <summary>The key of a card system from a master secret (for provisioning tools and tests).</summary>
    public static byte[] Derive(byte[] masterSecret, uint cardSystemId)
    {
        ArgumentNullException.ThrowIfNull(masterSecret);
        if (masterSecret.Length < MinMasterSecretBytes)
        {
            throw new InvalidOperationException("Snapshots need a master secret of at least 32 bytes (Agent:Snapshots:MasterSecret).");
        }
        return HMACSHA256.HashData(masterSecret, Encoding.ASCII.GetBytes(Label + cardSystemId.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>The decoded master secret, or null when it is not base64 of ≥ 32 bytes.</summary>
    public static byte[]? TryDecodeMasterSecret(string? base64)
    {
        if (string.IsNullOrWhiteSpace(base64))
        {
            return null;
        }
        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64.Trim(), buffer, out var written) && written >= MinMasterSecretBytes ? buffer[..written] : null;
    }
}

/// <summary>.NET's HMAC-SHA256 behind the protocol's interface.</summary>
public sealed class NetHmacSha256 : IHmacSha256
{
    /// <summary>The one instance (stateless).</summary>
    public static readonly NetHmacSha256 Instance = new();

    /// <inheritdoc />
    public byte[] Compute(byte[] key, byte[] data, int offset, int count) => HMACSHA256.HashData(key, data.AsSpan(offset, count));
}
