using Uitpas.Edge.Core.Diagnostics;

namespace Uitpas.Edge.Core.Network
{
    /// <summary>
    /// Whether the wall clock can be trusted. A wrong clock breaks TLS (the broker's certificate
    /// is "not yet valid" in 1970), the most common failure of check-in columns, so the clock
    /// counts as set only after a time sync, and only while it reads a time within
    /// [firmware build date, + 20 years]. The TLS connect waits for it; a new sync is due every
    /// 6 hours; a jump of more than 5 minutes after a sync (something else set the clock) is
    /// logged, taken as the new reference, and asks for a sync at once. Thread-safe: the WiFi link reports syncs, the
    /// main loop observes, the MQTT connector asks.
    /// </summary>
    public sealed class ClockGuard
    {
        public const long ResyncIntervalMs = 6L * 3600 * 1000;
        public const long JumpToleranceMs = 5L * 60 * 1000;
        public const long PlausibleSpanMs = 20L * 36525 * 24 * 3600 * 10; // 20 years of 365.25 days

        private readonly object _gate = new object();
        private readonly long _notBeforeUnixMs;
        private readonly ILineLog _log;
        private bool _synced;
        private long _lastSyncMs;
        private long _offsetMs;
        private int _syncs;
        private int _jumps;
        private bool _resyncWanted;

        /// <summary><paramref name="notBeforeUnixMs"/>: the firmware's build date; no real time is earlier.</summary>
        public ClockGuard(long notBeforeUnixMs, ILineLog log)
        {
            _notBeforeUnixMs = notBeforeUnixMs;
            _log = log;
        }

        public long NotBeforeUnixMs
        {
            get { return _notBeforeUnixMs; }
        }

        /// <summary>True once a sync gave a plausible time.</summary>
        public bool IsSynced
        {
            get { lock (_gate) { return _synced; } }
        }

        public int Syncs
        {
            get { lock (_gate) { return _syncs; } }
        }

        /// <summary>Jumps of more than <see cref="JumpToleranceMs"/> seen after a sync.</summary>
        public int Jumps
        {
            get { lock (_gate) { return _jumps; } }
        }

        /// <summary>Monotonic ms of the last accepted sync; -1 before the first.</summary>
        public long LastSyncMs
        {
            get { lock (_gate) { return _synced ? _lastSyncMs : -1; } }
        }

        public bool IsPlausible(long unixMs)
        {
            return unixMs >= _notBeforeUnixMs && unixMs <= _notBeforeUnixMs + PlausibleSpanMs;
        }

        /// <summary>The clock reads <paramref name="unixMs"/>: true when it may be used (timestamps, TLS).</summary>
        public bool IsSet(long unixMs)
        {
            lock (_gate)
            {
                return _synced && IsPlausible(unixMs);
            }
        }

        /// <summary>
        /// A sync set the clock to <paramref name="unixMs"/> at monotonic <paramref name="nowMs"/>
        /// (<paramref name="source"/> for the log). False, and the clock stays unset or keeps
        /// its last sync, when the time is not plausible.
        /// </summary>
        public bool Synced(long nowMs, long unixMs, string source)
        {
            if (!IsPlausible(unixMs))
            {
                Write("[clock] " + source + " gave an implausible time (" + unixMs + " ms): ignored");
                return false;
            }
            bool first;
            long correction;
            lock (_gate)
            {
                first = !_synced;
                correction = unixMs - (_offsetMs + nowMs);
                _synced = true;
                _lastSyncMs = nowMs;
                _offsetMs = unixMs - nowMs;
                _syncs++;
                _resyncWanted = false;
            }
            Write(first
                ? "[clock] set by " + source
                : "[clock] synced by " + source + " (correction " + correction + " ms)");
            return true;
        }

        /// <summary>True when no sync happened yet, the last one is <see cref="ResyncIntervalMs"/> old, or the clock jumped since.</summary>
        public bool ResyncDue(long nowMs)
        {
            lock (_gate)
            {
                return !_synced || _resyncWanted || nowMs - _lastSyncMs >= ResyncIntervalMs;
            }
        }

        /// <summary>
        /// The main loop's look at the clock: after a sync, a reading more than
        /// <see cref="JumpToleranceMs"/> away from where the last sync says it should be is a jump
        /// (logged; the reading becomes the reference). Returns the jump in ms, 0 when none.
        /// Allocates nothing unless it logs.
        /// </summary>
        public long Observe(long nowMs, long unixMs)
        {
            long jump;
            lock (_gate)
            {
                if (!_synced)
                {
                    return 0;
                }
                jump = unixMs - (_offsetMs + nowMs);
                if (jump <= JumpToleranceMs && jump >= -JumpToleranceMs)
                {
                    return 0;
                }
                _offsetMs = unixMs - nowMs;
                _jumps++;
                _resyncWanted = true;
            }
            Write("[clock] jumped " + (jump > 0 ? "+" : "") + jump / 1000 + " s after the last sync"
                + (IsPlausible(unixMs) ? "" : ": now implausible, TLS waits for the next sync"));
            return jump;
        }

        private void Write(string line)
        {
            if (_log != null)
            {
                _log.Write(line);
            }
        }
    }
}
