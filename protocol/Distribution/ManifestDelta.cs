namespace Uitpas.Edge.Protocol.Distribution
{
    /// <summary>One <c>delta=</c> line of a manifest: a file that turns <see cref="BaseVersion"/> into <see cref="TargetVersion"/>.</summary>
    public sealed class ManifestDelta
    {
        public ManifestDelta(string file, uint baseVersion, long length)
        {
            File = file;
            BaseVersion = baseVersion;
            Length = length;
        }

        public string File { get; private set; }
        public uint BaseVersion { get; private set; }
        public long Length { get; private set; }

        /// <summary>
        /// The version the delta gives: the next delta's base in the chain, or the manifest's
        /// version for the last one (set when the manifest is parsed or built).
        /// </summary>
        public uint TargetVersion { get; internal set; }
    }
}
