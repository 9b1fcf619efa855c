using System.Security.Cryptography;
using System.Text;

namespace Uitpas.Edge.Agent.Access;

/// <summary>
/// Password hashes in Mosquitto's password-file format: <c>$7$iterations$salt$hash</c>
/// (PBKDF2-HMAC-SHA512, 64-byte hash, base64 salt and hash; what mosquitto_passwd 2.x writes)
/// and the older <c>$6$salt$hash</c> (SHA-512 of password and salt, mosquitto 1.x), which is
/// verified but never written. Comparisons take the same time whatever the bytes.
/// </summary>
public static class PasswordHash
{
    /// <summary>PBKDF2 rounds written by <see cref="Create"/>: mosquitto_passwd's default. The passwords the CLI makes are 128-bit random, so stretching adds nothing and would only slow every CONNECT.</summary>
    public const int DefaultIterations = 101;

    private const int SaltBytes = 12;
    private const int HashBytes = 64;
    private const int MaxIterations = 10_000_000;

    /// <summary>A new <c>$7$</c> hash of <paramref name="password"/> with a random salt.</summary>
    public static string Create(string password, int iterations = DefaultIterations)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA512, HashBytes);
        return $"$7${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    /// <summary>Null when <paramref name="encoded"/> is a hash this class can verify, otherwise what is wrong with it.</summary>
    public static string? Check(string encoded) => TryParse(encoded, out _, out var error) ? null : error;

    /// <summary>True when <paramref name="password"/> matches <paramref name="encoded"/>; false for a mismatch or a malformed hash.</summary>
    public static bool Verify(string password, string encoded)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (!TryParse(encoded, out var parsed, out _))
        {
            return false;
        }
        var passwordBytes = Encoding.UTF8.GetBytes(password);
        byte[] actual;
        if (parsed.Iterations == 0)
        {
            actual = SHA512.HashData([.. passwordBytes, .. parsed.Salt]);
        }
        else
        {
            actual = Rfc2898DeriveBytes.Pbkdf2(passwordBytes, parsed.Salt, parsed.Iterations, HashAlgorithmName.SHA512, parsed.Hash.Length);
        }
        return CryptographicOperations.FixedTimeEquals(actual, parsed.Hash);
    }

    /// <summary>Work equal to one verification, for an unknown user, so timing does not tell which user names exist.</summary>
    public static void Waste(string password) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password ?? ""), new byte[SaltBytes], DefaultIterations, HashAlgorithmName.SHA512, HashBytes);

    private static bool TryParse(string encoded, out Parsed parsed, out string error)
    {
        parsed = default;
        error = "";
        var parts = (encoded ?? "").Split('$');
        // "$7$101$salt$hash" splits into "", "7", "101", salt, hash; "$6$salt$hash" into "", "6", salt, hash.
        if (parts.Length == 5 && parts[0].Length == 0 && parts[1] == "7")
        {
            if (!int.TryParse(parts[2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var iterations)
                || iterations < 1 || iterations > MaxIterations)
            {
                error = $"iteration count '{parts[2]}' is not a number from 1 to {MaxIterations}";
                return false;
            }
            return TryDecode(parts[3], parts[4], iterations, out parsed, out error);
        }
        if (parts.Length == 4 && parts[0].Length == 0 && parts[1] == "6")
        {
            return TryDecode(parts[2], parts[3], 0, out parsed, out error);
        }
        error = "hash is not $7$iterations$salt$hash (PBKDF2-SHA512) or $6$salt$hash (SHA-512)";
        return false;
    }

    private static bool TryDecode(string salt, string hash, int iterations, out Parsed parsed, out string error)
    {
        parsed = default;
        error = "";
        var saltBytes = FromBase64(salt);
        var hashBytes = FromBase64(hash);
        if (saltBytes is null || saltBytes.Length == 0)
        {
            error = "salt is not base64";
            return false;
        }
        if (hashBytes is null || hashBytes.Length != HashBytes)
        {
            error = $"hash is not {HashBytes} bytes of base64";
            return false;
        }
        parsed = new Parsed(iterations, saltBytes, hashBytes);
        return true;
    }

    private static byte[]? FromBase64(string text)
    {
        var buffer = new byte[(text.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(text, buffer, out var written) ? buffer[..written] : null;
    }

    private readonly record struct Parsed(int Iterations, byte[] Salt, byte[] Hash);
}
