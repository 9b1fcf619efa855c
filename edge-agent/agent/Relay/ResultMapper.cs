using System.Text;
using Uitpas.Edge.Agent.Devices;
using Uitpas.Edge.Central;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Agent.Relay;

/// <summary>Central's definitive answers as the <see cref="TapResult"/> the terminal shows.</summary>
public static class ResultMapper
{
    /// <summary>Reason given when a tap's device left the registry before its tap was relayed.</summary>
    public const string DeviceNotRegistered = "device-not-registered";

    /// <summary>Checked in: the points added and the passholder's new total.</summary>
    public static TapResult CheckedIn(uint bootEpoch, uint sequence, KioskCheckin checkin)
    {
        ArgumentNullException.ThrowIfNull(checkin);
        return new TapResult(bootEpoch, sequence, TapOutcome.CheckedIn, checkin.NewPoints, checkin.TotalPoints, string.Empty, string.Empty);
    }

    /// <summary>Refused by central: its problem type as the reason, its end-user message in the terminal's language.</summary>
    public static TapResult Refused(uint bootEpoch, uint sequence, CentralProblem problem, Device device)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(device);
        return new TapResult(bootEpoch, sequence, TapOutcome.Refused, 0, -1, AsReason(problem.ShortType), problem.EndUserMessage(device.Language) ?? string.Empty);
    }

    /// <summary>Refused by the agent: the tap's device is no longer registered, so it has no kiosk token.</summary>
    public static TapResult Unregistered(uint bootEpoch, uint sequence) =>
        new(bootEpoch, sequence, TapOutcome.Rejected, 0, -1, DeviceNotRegistered, string.Empty);

    /// <summary>
    /// True for problems about the agent rather than the card: central refused the client
    /// credentials (auth/unauthorized) or the kiosk token (auth/forbidden). Such a problem is no
    /// definitive answer for the tap; it is retried once the configuration is fixed.
    /// </summary>
    public static bool IsAboutTheAgent(CentralProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return problem.Type is ProblemTypes.Unauthorized or ProblemTypes.Forbidden;
    }

    /// <summary>
    /// True for central's definitive refusal of the card or check-in: a problem document about it.
    /// Not for refusals of the agent's credentials, nor for a 4xx whose problem document could not
    /// be read (a refusal, so nothing was counted, but without its reason: asked again).
    /// </summary>
    public static bool IsAnswerAboutTheCard<T>(CentralResponse<T> response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.Outcome == CentralOutcome.Problem && !ResultMapper.IsAboutTheAgent(response.Problem!) && response.FailureReason is null;
    }

    /// <summary>Printable ASCII, at most <see cref="TapResultCodec.MaxReasonBytes"/> characters, as the codec requires.</summary>
    public static string AsReason(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reason = new StringBuilder(Math.Min(text.Length, TapResultCodec.MaxReasonBytes));
        foreach (var c in text)
        {
            if (reason.Length == TapResultCodec.MaxReasonBytes)
            {
                break;
            }
            reason.Append(c is >= ' ' and <= '~' ? c : '?');
        }
        return reason.ToString();
    }
}
