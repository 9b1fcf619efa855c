using Uitpas.Edge.Core.Display;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Core.Flow
{
    /// <summary>Maps an answer from the agent to what the passholder sees and hears.</summary>
    public static class OutcomeScreens
    {
        public static Screen For(TapResult result, Texts texts)
        {
            switch (result.Outcome)
            {
                case TapOutcome.CheckedIn:
                    return new Screen(texts.CheckedIn, texts.PointsLine(result.PointsAdded, result.TotalPoints), Signal.Success);
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

        public static Screen NoAnswer(Texts texts)
        {
            return new Screen(texts.NoAnswer, texts.NoAnswerDetail, Signal.Pending);
        }
    }
}
