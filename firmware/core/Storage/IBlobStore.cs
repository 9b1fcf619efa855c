namespace Uitpas.Edge.Core.Storage
{
    /// <summary>Small named records on flash (boot epoch, settings), each replaced atomically.</summary>
    public interface IBlobStore
    {
        /// <summary>The stored bytes, or null when the name was never written.</summary>
        byte[] Read(string name);

        /// <summary>Replaces the stored bytes so that a power cut leaves either the old or the new bytes.</summary>
        void Write(string name, byte[] data);
    }
}
