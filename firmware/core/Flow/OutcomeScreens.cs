using Uitpas.Edge.Core.Display;
using Uitpas.Edge.Core.Offline;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Core.Flow
{
    /// <summary>Maps an answer from the agent to what the passholder sees and hears.</summary>
    public static class OutcomeScreens
    {
        public static Screen For(TapResult result, Texts texts, bool staffCue)
        {
            switch (result.Outcome)
            {
                case TapOutcome.CheckedIn:
                    return new Screen(texts.CheckedIn, texts.PointsLine(result.PointsAdded, result.TotalPoints), Signal.Success, staffCue);
                case TapOutcome.Refused:
                    return new Screen(texts.Refused, result.Message, Signal.Refusal);
                case TapOutcome.Queued:
                    return new Screen(texts.Queued, texts.QueuedDetail, Signal.Pending);
                default:
                    return new Screen(texts.Rejected, result.Message.Length > 0 ? result.Message : texts.RejectedDetail, Signal.Refusal);
            }
        }

        public static Screen Ready(Texts texts)
        {
            return new Screen(texts.Ready, string.Empty, Signal.None);
        }

        public static Screen Busy(Texts texts)
        {
            return new Screen(texts.Busy, string.Empty, Signal.Busy);
        }

        /// <summary>What the terminal shows when it decided alone (offline, or no answer in time).</summary>
        public static Screen For(OfflineDecision decision, Texts texts, bool staffCue)
        {
            switch (decision)
            {
                case OfflineDecision.Blocked:
                    return new Screen(texts.Blocked, texts.RejectedDetail, Signal.Refusal);
                case OfflineDecision.LimitReached:
                    return new Screen(texts.LimitReached, texts.LimitReachedDetail, Signal.Refusal);
                default:
                    return new Screen(texts.OfflineRegistered, texts.QueuedDetail, Signal.Pending, staffCue);
            }
        }
    }
}
