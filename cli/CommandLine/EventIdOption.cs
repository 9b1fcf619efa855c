using Uitpas.Edge.Agent.Devices;

namespace Uitpas.Edge.Cli.CommandLine;

/// <summary>The value of an <c>--event</c> option: central's event id as the agent takes it.</summary>
internal static class EventIdOption
{
    /// <summary>The trimmed id, null when the option was not given; a <see cref="UsageException"/> when it cannot be an event id.</summary>
    public static string? Parse(string? text)
    {
        if (text is null)
        {
            return null;
        }
        var id = text.Trim();
        return id.Length is > 0 and <= DeviceSeedOptionsValidator.MaxEventIdLength && !id.Any(char.IsControl)
            ? id
            : throw new UsageException($"--event must be 1 to {DeviceSeedOptionsValidator.MaxEventIdLength} characters (central's event id)");
    }
}
