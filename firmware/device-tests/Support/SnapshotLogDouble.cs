using System.Collections;
using System.Text;
using Uitpas.Edge.Core.Snapshots;

namespace Uitpas.Edge.DeviceTests.Support
{
    /// <summary>The snapshot updater's log lines.</summary>
    public sealed class SnapshotLogDouble : ISnapshotLog
    {
        private readonly ArrayList _lines = new ArrayList();

        public void Write(string line)
        {
            _lines.Add(line);
        }

        /// <summary>Whether a line contains both <paramref name="a"/> and <paramref name="b"/>.</summary>
        public bool Has(string a, string b)
        {
            for (int i = 0; i < _lines.Count; i++)
            {
                string line = (string)_lines[i];
                if (line.IndexOf(a) >= 0 && line.IndexOf(b) >= 0)
                {
                    return true;
                }
            }
            return false;
        }

        public bool Has(string text)
        {
            return Has(text, text);
        }

        public string Joined()
        {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < _lines.Count; i++)
            {
                all.Append(i == 0 ? "" : " | ");
                all.Append((string)_lines[i]);
            }
            return all.ToString();
        }
    }
}
