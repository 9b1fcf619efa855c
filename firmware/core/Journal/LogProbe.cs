using Uitpas.Edge.Core.Storage;

namespace Uitpas.Edge.Core.Journal
{
    /// <summary>
    /// What one log of the pair holds, read up to its seal: its generation and whether it is
    /// complete. A log whose first entry is not a begin entry is generation 0 (the first log,
    /// never compacted), complete by definition. A compacted log is complete only once its
    /// seal entry is readable: a compaction cut by power loss leaves a log that is never chosen
    /// while the log it was copied from is still there.
    /// </summary>
    internal sealed class LogProbe
    {
        public uint Generation { get; private set; }

        /// <summary>True when the log has no readable entry (erased, or only a torn first write).</summary>
        public bool Empty { get; private set; }

        public bool Sealed { get; private set; }

        /// <summary>Where the copied part of a compacted log ends (after its seal); 0 for generation 0.</summary>
        public long SealEnd { get; private set; }

        private bool Complete
        {
            get { return !Empty && Sealed; }
        }

        public void Read(JournalReader reader, IAppendStore log)
        {
            Generation = 0;
            Empty = true;
            Sealed = true;
            SealEnd = 0;
            reader.Reset(log, 0, log.Length);
            if (!reader.Read())
            {
                return;
            }
            Empty = false;
            if (reader.Kind != JournalFormat.KindBegin)
            {
                return;
            }
            Generation = reader.Generation;
            Sealed = false;
            while (reader.Read())
            {
                if (reader.Kind == JournalFormat.KindSeal && reader.Generation == Generation)
                {
                    Sealed = true;
                    SealEnd = reader.Position;
                    return;
                }
            }
        }

        /// <summary>
        /// True when the first log of the pair (<paramref name="first"/>) is the journal rather
        /// than the second: of two complete logs the newer generation (a tie goes to the first,
        /// where generation-0 content lives); a complete log over an incomplete or empty one.
        /// When neither is complete (damage, not a power cut: a compaction always starts from a
        /// complete log) the readable one is salvaged, and of two the older generation, which a
        /// cut compaction was copying from.
        /// </summary>
        public static bool FirstWins(LogProbe first, LogProbe second)
        {
            if (first.Complete && second.Complete)
            {
                return first.Generation >= second.Generation;
            }
            if (first.Complete || second.Complete)
            {
                return first.Complete;
            }
            if (first.Empty || second.Empty)
            {
                return !first.Empty || second.Empty;
            }
            return first.Generation <= second.Generation;
        }
    }
}
