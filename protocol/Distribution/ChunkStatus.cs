namespace Uitpas.Edge.Protocol.Distribution
{
    /// <summary>Status byte of a chunk answer.</summary>
    public static class ChunkStatus
    {
        public const int Ok = 0;

        /// <summary>The agent has no file of that name (any more): the terminal waits for the next manifest.</summary>
        public const int UnknownFile = 1;

        /// <summary>The request was malformed or its offset lies past the end.</summary>
        public const int BadRequest = 2;

        public static bool IsKnown(int status)
        {
            return status >= Ok && status <= BadRequest;
        }
    }
}
