namespace Uitpas.Edge.Protocol
{
    /// <summary>What became of a tap, as the agent tells the terminal that tapped.</summary>
    public enum TapOutcome
    {
        /// <summary>Central counted the check-in: points added and the new total are known.</summary>
        CheckedIn = 1,

        /// <summary>Central refused it (maximum reached, blocked card, unknown pass, …): the message says why.</summary>
        Refused = 2,

        /// <summary>The agent holds the tap durably but central has not answered yet; it will be relayed.</summary>
        Queued = 3,

        /// <summary>The agent refused the tap itself (e.g. terminal not assigned); the message says why.</summary>
        Rejected = 4,
    }

    /// <summary>The answer to one tap, correlated by (BootEpoch, Sequence).</summary>
    public sealed class TapResult
    {
        public TapResult(uint bootEpoch, uint sequence, TapOutcome outcome, int pointsAdded, int totalPoints, string reason, string message)
        {
            BootEpoch = bootEpoch;
            Sequence = sequence;
            Outcome = outcome;
            PointsAdded = pointsAdded;
            TotalPoints = totalPoints;
            Reason = reason == null ? string.Empty : reason;
            Message = message == null ? string.Empty : message;
        }

        public uint BootEpoch { get; }
        public uint Sequence { get; }
        public TapOutcome Outcome { get; }
        public int PointsAdded { get; }

        /// <summary>The passholder's total after this check-in; -1 when unknown.</summary>
        public int TotalPoints { get; }

        /// <summary>Machine-readable reason, e.g. central's problem type "maximum-reached"; empty when none.</summary>
        public string Reason { get; }

        /// <summary>Text for the passholder in the terminal's language (central's endUserMessage); may be empty.</summary>
        public string Message { get; }
    }
}
