using System.Collections;
using Uitpas.Edge.Core.Configuration;
using Uitpas.Edge.Protocol.Config;

namespace Uitpas.Edge.DeviceTests.Support
{
    /// <summary>The terminal's log of configuration reports.</summary>
    public sealed class ConfigLogDouble : IConfigLog
    {
        private readonly ArrayList _reports = new ArrayList();

        public int Count
        {
            get { return _reports.Count; }
        }

        public void Reported(ConfigReport report)
        {
            _reports.Add(report);
        }
    }
}
