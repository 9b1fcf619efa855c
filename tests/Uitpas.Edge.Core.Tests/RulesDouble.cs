using Uitpas.Edge.Core.Offline;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Core.Tests;

/// <summary>Snapshot knowledge set by the test: card flags by chip number, one event with a daily limit.</summary>
internal sealed class RulesDouble : IOfflineRules
{
    public Dictionary<string, int> Flags { get; } = [];
    public bool HasAllowlist { get; set; } = true;
    public int Limit { get; set; } = 1;
    public bool EventOpen { get; set; } = true;

    public int FlagsOf(byte[] chipUid) => Flags.GetValueOrDefault(ChipUid.ToHex(chipUid), CardFlags.None);

    public string? CheckinPeriod(long unixMs, out int limit)
    {
        limit = Limit;
        return EventOpen ? "evt-1/d" + (unixMs / 86_400_000) : null;
    }
}
