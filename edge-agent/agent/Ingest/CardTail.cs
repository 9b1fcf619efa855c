using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Agent.Ingest;

/// <summary>The most of a card UID a log line may show: its last 4 hex digits.</summary>
public static class CardTail
{
    /// <summary>"…A1B2" for a UID ending in A1 B2.</summary>
    public static string Of(byte[] uid)
    {
        ArgumentNullException.ThrowIfNull(uid);
        return uid.Length < 2 ? "…" : "…" + ChipUid.ToHex(uid, uid.Length - 2, 2);
    }
}
