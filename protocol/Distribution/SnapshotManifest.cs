using System.Text;
using Uitpas.Edge.Protocol.Snapshots;

namespace Uitpas.Edge.Protocol.Distribution
{
    /// <summary>
    /// The retained manifest of one snapshot (docs/protocol.md, "Snapshot distribution (v1)"):
    /// <code>
    /// kind=allowlist            (or events)
    /// version=7
    /// file=al-12-7
    /// length=123456
    /// tag=&lt;64 lowercase hex: the file's last 32 bytes&gt;
    /// delta=al-12-6-7 6 2345    (zero or more: file, base version, length; a chain ending at version)
    /// url=http://host:port/snapshots/   (optional HTTP base)
    /// </code>
    /// Unknown keys are ignored; the deltas are kept sorted by base version.
    /// </summary>
    public sealed class SnapshotManifest
    {
        /// <summary>Largest manifest payload (fits every MQTT packet limit of the fleet).</summary>
        public const int MaxLength = 1024;
        public const int MaxDeltas = 8;
        public const int MaxUrlLength = 200;

        private ManifestDelta[] _deltas;

        /// <param name="deltas">Null or the chain's deltas in any order, with distinct bases below <paramref name="version"/>.</param>
        public SnapshotManifest(int kind, uint version, string file, long length, byte[] tag, ManifestDelta[] deltas, string url)
        {
            Kind = kind;
            Version = version;
            File = file;
            Length = length;
            Tag = tag;
            Url = url;
            _deltas = Sort(deltas == null ? new ManifestDelta[0] : deltas);
            LinkTargets();
        }

        /// <summary>A <see cref="SnapshotKind"/>.</summary>
        public int Kind { get; private set; }
        public uint Version { get; private set; }
        public string File { get; private set; }
        public long Length { get; private set; }

        /// <summary>The file's last 32 bytes (its tag): names the exact content, so a resumed download is known to be the same file.</summary>
        public byte[] Tag { get; private set; }

        /// <summary>Optional HTTP base; null when absent.</summary>
        public string Url { get; private set; }

        public int DeltaCount
        {
            get { return _deltas.Length; }
        }

        /// <summary>The deltas in base version order.</summary>
        public ManifestDelta DeltaAt(int index)
        {
            return _deltas[index];
        }

        /// <summary>
        /// The deltas that take <paramref name="installedVersion"/> to <see cref="Version"/>, in
        /// order, when the chain is complete and smaller in total than the full file; else null
        /// (download the full file).
        /// </summary>
        public ManifestDelta[] ChainFrom(uint installedVersion)
        {
            if (installedVersion == 0 || installedVersion >= Version)
            {
                return null;
            }
            int first = -1;
            for (int i = 0; i < _deltas.Length; i++)
            {
                if (_deltas[i].BaseVersion == installedVersion)
                {
                    first = i;
                    break;
                }
            }
            if (first < 0)
            {
                return null;
            }
            long total = 0;
            ManifestDelta[] chain = new ManifestDelta[_deltas.Length - first];
            for (int i = first; i < _deltas.Length; i++)
            {
                chain[i - first] = _deltas[i];
                total += _deltas[i].Length;
            }
            return total < Length ? chain : null;
        }

        public string ToText()
        {
            StringBuilder text = new StringBuilder();
            text.Append("kind=").Append(SnapshotFileNames.KindName(Kind)).Append('\n');
            text.Append("version=").Append(Version).Append('\n');
            text.Append("file=").Append(File).Append('\n');
            text.Append("length=").Append(Length).Append('\n');
            text.Append("tag=").Append(TextFields.ToHex(Tag)).Append('\n');
            for (int i = 0; i < _deltas.Length; i++)
            {
                ManifestDelta d = _deltas[i];
                text.Append("delta=").Append(d.File).Append(' ').Append(d.BaseVersion).Append(' ').Append(d.Length).Append('\n');
            }
            if (Url != null)
            {
                text.Append("url=").Append(Url).Append('\n');
            }
            return text.ToString();
        }

        /// <summary>The payload; throws <see cref="System.ArgumentException"/> when the fields break the rules <see cref="TryParse"/> checks.</summary>
        public byte[] Encode()
        {
            byte[] payload = System.Text.Encoding.UTF8.GetBytes(ToText());
            SnapshotManifest back;
            string error;
            if (!TryParse(payload, out back, out error))
            {
                throw new System.ArgumentException("invalid manifest: " + error);
            }
            return payload;
        }

        public static bool TryParse(byte[] payload, out SnapshotManifest manifest, out string error)
        {
            manifest = null;
            TextFields f;
            if (!TextFields.TryParse(payload, MaxLength, out f, out error))
            {
                error = "manifest: " + error;
                return false;
            }
            string[] single = new string[] { "kind", "version", "file", "length", "tag", "url" };
            for (int i = 0; i < single.Length; i++)
            {
                if (f.Occurrences(single[i]) > 1)
                {
                    error = "manifest: duplicate " + single[i];
                    return false;
                }
            }
            int kind = SnapshotFileNames.KindOf(f.Get("kind"));
            if (kind == 0)
            {
                error = "manifest: unknown kind '" + TextFields.OneLine(f.Get("kind"), 32) + "'";
                return false;
            }
            uint version;
            if (!TextFields.TryParseUInt32(f.Get("version"), out version) || version == 0)
            {
                error = "manifest: version missing or not a positive number";
                return false;
            }
            string file = f.Get("file");
            if (!SnapshotFileNames.IsValid(file))
            {
                error = "manifest: file missing or not a valid name";
                return false;
            }
            long length;
            if (!TryParseFileLength(f.Get("length"), out length))
            {
                error = "manifest: length missing or out of range";
                return false;
            }
            byte[] tag = TextFields.ParseHex(f.Get("tag"), SnapshotFormat.TagLength);
            if (tag == null)
            {
                error = "manifest: tag missing or not 64 lowercase hex digits";
                return false;
            }
            string url = f.Get("url");
            if (url != null && (url.Length > MaxUrlLength || !(url.StartsWith("http://") || url.StartsWith("https://"))))
            {
                error = "manifest: url is not an http(s) URL of at most " + MaxUrlLength + " characters";
                return false;
            }
            int count = f.Occurrences("delta");
            if (count > MaxDeltas)
            {
                error = "manifest: " + count + " deltas, at most " + MaxDeltas;
                return false;
            }
            ManifestDelta[] deltas = new ManifestDelta[count];
            for (int i = 0; i < count; i++)
            {
                deltas[i] = ParseDelta(f.GetAt("delta", i), version, out error);
                if (deltas[i] == null)
                {
                    return false;
                }
                for (int k = 0; k < i; k++)
                {
                    if (deltas[k].BaseVersion == deltas[i].BaseVersion)
                    {
                        error = "manifest: two deltas from version " + deltas[i].BaseVersion;
                        return false;
                    }
                }
            }
            manifest = new SnapshotManifest(kind, version, file, length, tag, deltas, url);
            error = null;
            return true;
        }

        private static ManifestDelta ParseDelta(string value, uint version, out string error)
        {
            string[] parts = value.Split(new char[] { ' ' });
            uint baseVersion;
            long length;
            if (parts.Length != 3 || !SnapshotFileNames.IsValid(parts[0])
                || !TextFields.TryParseUInt32(parts[1], out baseVersion) || baseVersion == 0 || baseVersion >= version
                || !TryParseFileLength(parts[2], out length))
            {
                error = "manifest: delta '" + TextFields.OneLine(value, 80) + "' is not 'file base length' with 0 < base < version";
                return null;
            }
            error = null;
            return new ManifestDelta(parts[0], baseVersion, length);
        }

        private static bool TryParseFileLength(string s, out long length)
        {
            return TextFields.TryParseNonNegative(s, 10, out length)
                && length >= SnapshotFormat.MinFileLength
                && length <= SnapshotFormat.MaxPayloadLength + SnapshotFormat.MinFileLength;
        }

        private static ManifestDelta[] Sort(ManifestDelta[] deltas)
        {
            ManifestDelta[] sorted = new ManifestDelta[deltas.Length];
            for (int i = 0; i < deltas.Length; i++)
            {
                ManifestDelta d = deltas[i];
                int at = i;
                while (at > 0 && sorted[at - 1].BaseVersion > d.BaseVersion)
                {
                    sorted[at] = sorted[at - 1];
                    at--;
                }
                sorted[at] = d;
            }
            return sorted;
        }

        private void LinkTargets()
        {
            for (int i = 0; i < _deltas.Length; i++)
            {
                _deltas[i].TargetVersion = i + 1 < _deltas.Length ? _deltas[i + 1].BaseVersion : Version;
            }
        }
    }
}
