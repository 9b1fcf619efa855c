using System.Collections;
using nanoFramework.TestFramework;
using Uitpas.Edge.Core.Messaging;
using Uitpas.Edge.Core.Snapshots;

namespace Uitpas.Edge.DeviceTests.Support
{
    /// <summary>A condition a driver steps until (a non-generic delegate: the device runtime has no Func&lt;bool&gt;).</summary>
    public delegate bool Condition();

    /// <summary>Drives an updater the way the tap flow does: inbound messages routed, then a step, on a clock the case owns.</summary>
    public sealed class SnapshotDriver
    {
        private readonly AgentDouble _agent;
        private readonly SnapshotLogDouble _log;

        public SnapshotDriver(AgentDouble agent, SnapshotLogDouble log)
        {
            _agent = agent;
            _log = log;
            Now = 1000;
        }

        public long Now { get; private set; }

        /// <summary>Steps every 10 ms until <paramref name="until"/> holds; fails after <paramref name="maxSteps"/> steps.</summary>
        public void Run(SnapshotUpdater updater, Condition until, int maxSteps)
        {
            for (int i = 0; i < maxSteps; i++)
            {
                StepOnce(updater);
                if (until())
                {
                    return;
                }
            }
            Assert.IsTrue(false, "the condition was not reached within " + maxSteps + " steps; requests: " + _agent.Requests.Count
                + "; log: " + (_log == null ? "" : _log.Joined()));
        }

        public void Run(SnapshotUpdater updater, Condition until)
        {
            Run(updater, until, 20000);
        }

        /// <summary>Steps for a stretch of simulated time (no condition to wait for).</summary>
        public void RunFor(SnapshotUpdater updater, long ms)
        {
            for (long end = Now + ms; Now < end;)
            {
                StepOnce(updater);
            }
        }

        private void StepOnce(SnapshotUpdater updater)
        {
            Now += 10;
            for (InboundMessage m = _agent.Receive(); m != null; m = _agent.Receive())
            {
                Assert.IsTrue(updater.Handle(m, Now), "not a snapshot topic: " + m.Topic);
            }
            updater.Step(Now, true);
        }
    }
}
