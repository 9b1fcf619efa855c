using System.Globalization;

namespace Uitpas.Edge.Cli.CommandLine;

/// <summary>Whole-number option values with a range.</summary>
public static class Numbers
{
    /// <summary><paramref name="fallback"/> when absent; otherwise the number, or a <see cref="UsageException"/> naming the option and the range.</summary>
    public static int Parse(string? text, string option, int fallback, int min, int max)
    {
        if (text is null)
        {
            return fallback;
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new UsageException($"--{option} must be a whole number from {min} to {max}, not '{text}'");
    }
}
