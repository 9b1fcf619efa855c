using Uitpas.Edge.Core.Display;
using Uitpas.Edge.Core.Journal;
using Uitpas.Edge.Core.Messaging;
using Uitpas.Edge.Core.Offline;
using Uitpas.Edge.Core.Reading;
using Uitpas.Edge.Core.Storage;

namespace Uitpas.Edge.Core.Flow
{
    /// <summary>
    /// The start-up sequence every host shares (firmware image, virtual terminal, tests):
    /// open the journal (cutting a torn tail), advance the boot epoch, start the tap flow.
    /// </summary>
    public static class TerminalBoot
    {
        public static TapFlow Start(TerminalSettings settings, ICardReader reader, ITerminalUi ui, IMqttTransport mqtt,
            IAppendStore journalStore, IBlobStore blobs, IWallClock wallClock, IOfflineRules rules, long nowMs)
        {
            TapJournal journal = new TapJournal(journalStore);
            journal.Open();
            uint epoch = BootEpoch.Advance(blobs, journal.HighestEpoch);
            TapFlow flow = new TapFlow(settings, epoch, reader, ui, mqtt, journal, wallClock, rules);
            flow.Start(nowMs);
            return flow;
        }
    }
}
