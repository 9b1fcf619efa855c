using System.Collections;
using Uitpas.Edge.Core.Offline;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.DeviceTests.Support
{
    /// <summary>Snapshot knowledge set by the test: card flags by chip number, one event with a daily limit.</summary>
    public sealed class RulesDouble : IOfflineRules
    {
        private readonly Hashtable _flags = new Hashtable();

        public RulesDouble()
        {
            HasAllowlist = true;
            Limit = 1;
            EventOpen = true;
        }

        public bool HasAllowlist { get; set; }

        public int Limit { get; set; }

        public bool EventOpen { get; set; }

        public void Flag(byte[] chipUid, int flags)
        {
            _flags[ChipUid.ToHex(chipUid)] = flags;
        }

        public int FlagsOf(byte[] chipUid)
        {
            object flags = _flags[ChipUid.ToHex(chipUid)];
            return flags == null ? CardFlags.None : (int)flags;
        }

        public string CheckinPeriod(long unixMs, out int limit)
        {
            limit = Limit;
            return EventOpen ? "evt-1/d" + (unixMs / 86400000) : null;
        }
    }
}
