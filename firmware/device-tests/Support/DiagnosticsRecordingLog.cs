using System.Collections;
using Uitpas.Edge.Core.Diagnostics;

namespace Uitpas.Edge.DeviceTests.Support
{
    /// <summary>The device's console as a test sees it: every line written, oldest first.</summary>
    public sealed class DiagnosticsRecordingLog : ILineLog
    {
        private readonly ArrayList _lines = new ArrayList();

        public int Count
        {
            get { return _lines.Count; }
        }

        /// <summary>The last line; empty when none.</summary>
        public string Last
        {
            get { return _lines.Count == 0 ? string.Empty : (string)_lines[_lines.Count - 1]; }
        }

        public string At(int index)
        {
            return (string)_lines[index];
        }

        public void Write(string line)
        {
            _lines.Add(line);
        }
    }
}
