using Uitpas.Edge.Core.Offline;
using Uitpas.Edge.Protocol.Snapshots;

namespace Uitpas.Edge.Core.Snapshots
{
    /// <summary>
    /// The offline rules over the installed snapshots: card flags from the allowlist (looked up
    /// in flash: one 512-byte buffer plus the sections' root pages, no allocation per lookup
    /// after the first), the check-in period and limit from the events snapshot. The updater
    /// calls <see cref="Reload"/> after an install; until then the old file stays open and in use.
    /// </summary>
    public sealed class SnapshotOfflineRules : IOfflineRules
    {
        private readonly SnapshotSlot _allowlistSlot;
        private readonly SnapshotSlot _eventsSlot;
        private readonly string _deviceId;
        private ISnapshotReadFile _allowlistFile;
        private AllowlistReader _allowlist;
        private ISnapshotReadFile _eventsFile;
        private EventsReader _events;

        public SnapshotOfflineRules(SnapshotSlot allowlist, SnapshotSlot events, string deviceId)
        {
            _allowlistSlot = allowlist;
            _eventsSlot = events;
            _deviceId = deviceId;
        }

        public bool HasAllowlist
        {
            get { return _allowlist != null; }
        }

        public bool HasEvents
        {
            get { return _events != null; }
        }

        /// <summary>The allowlist version the lookups answer from; 0 when none.</summary>
        public uint AllowlistVersion
        {
            get { return _allowlist == null ? 0 : _allowlist.Header.Version; }
        }

        public uint EventsVersion
        {
            get { return _events == null ? 0 : _events.Header.Version; }
        }

        public int FlagsOf(byte[] chipUid)
        {
            if (_allowlist == null || chipUid == null)
            {
                return CardFlags.None;
            }
            CardStatus status = _allowlist.Lookup(chipUid);
            int flags = CardFlags.None;
            if ((status & CardStatus.Blocked) != 0)
            {
                flags |= CardFlags.Blocked;
            }
            if ((status & CardStatus.SocialTariff) != 0)
            {
                flags |= CardFlags.SocialTariff;
            }
            return flags;
        }

        public string CheckinPeriod(long unixMs, out int limit)
        {
            limit = 0;
            return _events == null ? null : _events.CheckinPeriod(unixMs, out limit);
        }

        /// <summary>The event in force at the instant with its tariffs (read from flash); null when none.</summary>
        public EventRules EventAt(long unixMs)
        {
            return _events == null ? null : _events.EventAt(unixMs);
        }

        /// <summary>Opens the slot's current file and swaps it in; returns what happened, for the log.</summary>
        public string Reload(int kind)
        {
            SnapshotSlot slot = kind == SnapshotKind.Allowlist ? _allowlistSlot : _eventsSlot;
            ISnapshotReadFile file = slot.OpenCurrent();
            string reason = null;
            AllowlistReader allowlist = null;
            EventsReader events = null;
            bool opened = file != null && (kind == SnapshotKind.Allowlist
                ? AllowlistReader.TryOpen(file, out allowlist, out reason)
                : EventsReader.TryOpen(file, _deviceId, out events, out reason));
            if (!opened)
            {
                SnapshotFileIo.CloseQuietly(file);
                if (file == null)
                {
                    return null; // nothing installed: nothing to say
                }
                // Keep what is open: a file that cannot be read now does not replace one that could.
                return SnapshotFileNames(kind) + " " + slot.CurrentName + " could not be opened: " + reason;
            }
            if (kind == SnapshotKind.Allowlist)
            {
                SnapshotFileIo.CloseQuietly(_allowlistFile);
                _allowlistFile = file;
                _allowlist = allowlist;
            }
            else
            {
                SnapshotFileIo.CloseQuietly(_eventsFile);
                _eventsFile = file;
                _events = events;
            }
            return null;
        }

        /// <summary>Closes the open files (at shutdown).</summary>
        public void Close()
        {
            SnapshotFileIo.CloseQuietly(_allowlistFile);
            SnapshotFileIo.CloseQuietly(_eventsFile);
            _allowlistFile = null;
            _eventsFile = null;
            _allowlist = null;
            _events = null;
        }

        private static string SnapshotFileNames(int kind)
        {
            return kind == SnapshotKind.Allowlist ? "allowlist" : "events";
        }
    }
}
