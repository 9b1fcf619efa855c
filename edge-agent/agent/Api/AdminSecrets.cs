using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Uitpas.Edge.Agent.Access;

namespace Uitpas.Edge.Agent.Api;

/// <summary>
/// The admin listener's secrets on disk: the CLI's bearer token (43 base64url characters of 32
/// random bytes) and the dashboard's users file (Mosquitto <c>name:$7$…</c> lines). Both are
/// made at first start, mode 0600; the first user, <c>admin</c>, gets a random password written
/// beside the users file in dashboard.password. Nothing secret is ever logged.
/// </summary>
internal static class AdminSecrets
{
    /// <summary>Length of a token: 32 bytes in base64url without padding.</summary>
    public const int TokenLength = 43;

    /// <summary>PBKDF2 rounds for dashboard passwords (people choose them: stretching matters here, unlike the random MQTT passwords).</summary>
    public const int UserHashIterations = 50_000;

    /// <summary>The first user's name.</summary>
    public const string InitialUser = "admin";

    /// <summary>Reads the token, creating the file first when it is missing.</summary>
    public static string LoadOrCreateToken(string path, ILogger logger)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            SecretFiles.WriteAtomically(path, NewSecret(32) + "\n");
            AdminLog.TokenCreated(logger, path);
        }
        var token = File.ReadAllText(path).Trim();
        if (token.Length < 32 || token.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new InvalidOperationException(
                $"The admin token file {path} does not hold a token (at least 32 characters, no spaces): delete it and restart the agent to make a new one.");
        }
        return token;
    }

    /// <summary>Creates the users file with user admin and a random password (in dashboard.password beside it) when it is missing.</summary>
    public static void EnsureUsers(string usersPath, ILogger logger)
    {
        if (File.Exists(usersPath))
        {
            return;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(usersPath)!);
        var password = NewSecret(15);
        var passwordPath = Path.Combine(Path.GetDirectoryName(usersPath)!, "dashboard.password");
        SecretFiles.WriteAtomically(passwordPath, password + "\n");
        PasswordFile.Empty.WithUser(InitialUser, PasswordHash.Create(password, UserHashIterations)).Save(usersPath);
        AdminLog.UsersCreated(logger, usersPath, passwordPath);
    }

    /// <summary>The bearer token matches: compared as SHA-256 digests in constant time, so neither content nor length leaks through timing.</summary>
    public static bool TokenMatches(string expected, string presented) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(presented)));

    /// <summary><paramref name="bytes"/> random bytes as base64url without padding.</summary>
    public static string NewSecret(int bytes) =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
}
