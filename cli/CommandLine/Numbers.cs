using System.Globalization;

namespace Uitpas.Edge.Cli.CommandLine;

/// <summary>Whole-number and duration option values with a range.</summary>
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

    /// <summary>"30s", "2m", "500ms" or a plain number of seconds; between 1 ms and <paramref name="max"/>.</summary>
    public static TimeSpan Duration(string? text, string option, TimeSpan fallback, TimeSpan max)
    {
        if (text is null)
        {
            return fallback;
        }
        var (number, unit) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 0.001)
            : text.EndsWith('s') ? (text[..^1], 1.0)
            : text.EndsWith('m') ? (text[..^1], 60.0)
            : (text, 1.0);
        if (double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            && value * unit >= 0.001 && value * unit <= max.TotalSeconds)
        {
            return TimeSpan.FromSeconds(value * unit);
        }
        throw new UsageException($"--{option} must be a duration such as 30s, 2m or 500ms (at most {max.TotalSeconds:0} s), not '{text}'");
    }
}
