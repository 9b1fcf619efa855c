using System.Security.Cryptography;
using Uitpas.Edge.Agent.Access;
using Uitpas.Edge.Cli.CommandLine;

namespace Uitpas.Edge.Cli.Credentials;

/// <summary>Random passwords and their entries in the Mosquitto password file.</summary>
public static class Credentials
{
    /// <summary>Random bytes per password: 144 bits, 24 URL-safe characters.</summary>
    public const int PasswordBytes = 18;

    /// <summary>A new random password: base64url without padding (letters, digits, '-' and '_').</summary>
    public static string NewPassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(PasswordBytes)).Replace('+', '-').Replace('/', '_').TrimEnd('=');

    /// <summary>Sets <paramref name="user"/>'s password in the file (created if missing), atomically; returns the new password.</summary>
    public static string Issue(string passwordFile, string user, CommandContext context)
    {
        var file = Read(passwordFile, context);
        var password = NewPassword();
        file.WithUser(user, PasswordHash.Create(password)).Save(passwordFile);
        return password;
    }

    /// <summary>Removes <paramref name="user"/> from the file, atomically; false when the user was not there.</summary>
    public static bool Revoke(string passwordFile, string user, CommandContext context)
    {
        if (!File.Exists(passwordFile))
        {
            throw new CommandFailedException($"password file {passwordFile} does not exist");
        }
        var file = Read(passwordFile, context);
        if (!file.Users.ContainsKey(user))
        {
            return false;
        }
        file.WithoutUser(user).Save(passwordFile);
        return true;
    }

    /// <summary>
    /// Writes the provisioning secret (the keys of a terminal's device.cfg, which the virtual
    /// terminal's --credentials also reads) to a new file, mode 0600, or prints it.
    /// </summary>
    public static void Hand(string user, string password, string? outFile, CommandContext context)
    {
        var text = $"mqtt.username={user}\nmqtt.password={password}\n";
        if (outFile is null)
        {
            if (context.Json)
            {
                context.WriteJson(new { username = user, password, file = (string?)null });
            }
            else
            {
                context.Out.Write(text);
            }
            context.Error.WriteLine("The password is shown this once; only its hash is kept.");
            return;
        }
        if (File.Exists(outFile))
        {
            throw new CommandFailedException($"{outFile} exists already; the new password was stored but not written there (run again with another --out)");
        }
        SecretFiles.WriteNew(outFile, text);
        if (context.Json)
        {
            context.WriteJson(new { username = user, password = (string?)null, file = outFile });
            return;
        }
        context.Out.WriteLine($"Credentials of {user} written to {outFile} (mode 0600).");
    }

    private static PasswordFile Read(string passwordFile, CommandContext context)
    {
        var file = PasswordFile.Load(passwordFile);
        foreach (var error in file.Errors)
        {
            context.Error.WriteLine($"warning: {passwordFile} {error} (line kept as it is)");
        }
        return file;
    }
}
