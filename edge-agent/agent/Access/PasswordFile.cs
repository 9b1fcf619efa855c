using System.Text;

namespace Uitpas.Edge.Agent.Access;

/// <summary>One unusable line of a password file: its number (from 1) and what is wrong.</summary>
public sealed record PasswordFileError(int Line, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"line {Line}: {Message}";
}

/// <summary>
/// A Mosquitto password file: one <c>user:hash</c> per line (see <see cref="PasswordHash"/>);
/// blank lines and lines starting with '#' are skipped. A bad line is reported with its number
/// and skipped, the other users stay usable; a user named twice keeps its first line. The same
/// file serves the embedded broker and Mosquitto. Edits keep every other line as it was and are
/// written atomically (temporary file, then rename), readable by the owner only.
/// </summary>
public sealed class PasswordFile
{
    private readonly string[] _lines;
    private readonly Dictionary<string, string> _users;

    private PasswordFile(string[] lines, Dictionary<string, string> users, IReadOnlyList<PasswordFileError> errors)
    {
        _lines = lines;
        _users = users;
        Errors = errors;
    }

    /// <summary>An empty file.</summary>
    public static PasswordFile Empty { get; } = Parse("");

    /// <summary>The usable users and their hashes.</summary>
    public IReadOnlyDictionary<string, string> Users => _users;

    /// <summary>The unusable lines.</summary>
    public IReadOnlyList<PasswordFileError> Errors { get; }

    /// <summary>Parses a password file's text; never throws for bad content.</summary>
    public static PasswordFile Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length > 0 && lines[^1].Length == 0)
        {
            lines = lines[..^1];
        }
        var users = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new List<PasswordFileError>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                errors.Add(new PasswordFileError(i + 1, "expected user:hash"));
                continue;
            }
            var user = line[..colon];
            var problem = PasswordHash.Check(line[(colon + 1)..]);
            if (problem is not null)
            {
                errors.Add(new PasswordFileError(i + 1, $"user '{Printable(user)}': {problem}"));
            }
            else if (!users.TryAdd(user, line[(colon + 1)..]))
            {
                errors.Add(new PasswordFileError(i + 1, $"user '{Printable(user)}' is already on an earlier line; this line is ignored"));
            }
        }
        return new PasswordFile(lines, users, errors);
    }

    /// <summary>Reads a file; a missing file is empty.</summary>
    public static PasswordFile Load(string path) => File.Exists(path) ? Parse(File.ReadAllText(path)) : Empty;

    /// <summary>The file with <paramref name="user"/>'s hash set: its line replaced (and any repeats dropped), or added at the end.</summary>
    public PasswordFile WithUser(string user, string hash)
    {
        CheckUser(user);
        if (PasswordHash.Check(hash) is { } problem)
        {
            throw new ArgumentException(problem, nameof(hash));
        }
        var lines = new List<string>();
        var placed = false;
        foreach (var line in _lines)
        {
            if (!IsLineOf(line, user))
            {
                lines.Add(line);
            }
            else if (!placed)
            {
                lines.Add(user + ":" + hash);
                placed = true;
            }
        }
        if (!placed)
        {
            lines.Add(user + ":" + hash);
        }
        return Parse(Render(lines));
    }

    /// <summary>The file without <paramref name="user"/>'s lines.</summary>
    public PasswordFile WithoutUser(string user)
    {
        CheckUser(user);
        return Parse(Render(_lines.Where(line => !IsLineOf(line, user))));
    }

    /// <summary>The file's text.</summary>
    public override string ToString() => Render(_lines);

    /// <summary>Writes the file atomically: a temporary file beside it (mode 0600 where the system has modes), then a rename over it.</summary>
    public void Save(string path)
    {
        var full = Path.GetFullPath(path);
        SecretFiles.WriteAtomically(full, ToString());
    }

    private static bool IsLineOf(string line, string user) =>
        line.StartsWith(user + ":", StringComparison.Ordinal);

    private static void CheckUser(string user)
    {
        if (string.IsNullOrEmpty(user) || user.Contains(':', StringComparison.Ordinal) || user.Any(char.IsControl))
        {
            throw new ArgumentException("a user name is not empty and has no ':' or control characters", nameof(user));
        }
    }

    private static string Render(IEnumerable<string> lines)
    {
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.Append(line).Append('\n');
        }
        return text.ToString();
    }

    private static string Printable(string user) =>
        user.Length > 64 || user.Any(char.IsControl) ? "(unprintable user name)" : user;
}
