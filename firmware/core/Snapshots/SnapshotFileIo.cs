using Uitpas.Edge.Protocol.Snapshots;

namespace Uitpas.Edge.Core.Snapshots
{
    /// <summary>Small helpers over snapshot files that never throw on short or failing files.</summary>
    internal static class SnapshotFileIo
    {
        /// <summary>The file's last 32 bytes (its tag); null when it cannot be read.</summary>
        public static byte[] TagOf(IFlashReader file)
        {
            byte[] tag = new byte[SnapshotFormat.TagLength];
            return file != null && FlashIo.ReadExactly(file, file.Length - tag.Length, tag, 0, tag.Length) ? tag : null;
        }

        public static void CloseQuietly(ISnapshotReadFile file)
        {
            if (file == null)
            {
                return;
            }
            try
            {
                file.Close();
            }
            catch (System.Exception)
            {
                // Nothing to keep: the handle is gone either way.
            }
        }

        public static void CloseQuietly(ISnapshotAppendFile file)
        {
            if (file == null)
            {
                return;
            }
            try
            {
                file.Close();
            }
            catch (System.Exception)
            {
                // A failed close of scratch bytes: the verification that follows catches it.
            }
        }
    }
}
