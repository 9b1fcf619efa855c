namespace Uitpas.Edge.Core.Network
{
    /// <summary>Where the terminal stands with the WiFi network.</summary>
    public enum NetworkState
    {
        /// <summary>Not on the network; the next attempt waits for its backoff.</summary>
        Offline = 0,

        /// <summary>An attempt to join is under way.</summary>
        Joining = 1,

        /// <summary>Joined, with an address.</summary>
        Joined = 2,
    }
}
