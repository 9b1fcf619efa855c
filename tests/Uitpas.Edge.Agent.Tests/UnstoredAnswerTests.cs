using Microsoft.Data.Sqlite;
using Uitpas.Edge.Agent.Reconcile;
using Uitpas.Edge.Agent.Tests.Infrastructure;
using Uitpas.Edge.Central;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.Simulator;

namespace Uitpas.Edge.Agent.Tests;

/// <summary>
/// Central answered, but the store could not keep the answer (a failed write or COMMIT: a
/// deadlock lost three times, the database away): the tap is still marked in flight. Its lane
/// must treat that call as one whose outcome is unknown (reconciled with central's history),
/// never send the tap again on a guess, and never read the limit refusal such a resend meets as
/// a plain refusal.
/// </summary>
public sealed class UnstoredAnswerTests
{
    [Fact]
    public async Task A_counted_tap_whose_answer_could_not_be_stored_is_credited_from_history_not_sent_again()
    {
        var failure = new StoreFailure();
        await using var rig = await ReplayRig.StartAsync(decorate: inner => new FailingStoreAfterKioskCall(inner, failure));
        failure.DatabasePath = Path.Combine(rig.DataDirectory, "agent.db");
        var terminal = await rig.TerminalAsync();
        var card = rig.Central.Seed.GoodCards[7];

        await ReplayRig.TapAsync(terminal, 4, 1, card.ChipNumber, rig.Clock.GetUtcNow(), TapFlags.None);

        var result = await rig.FinalResultAsync(4, 1);
        Assert.True(failure.Injected);
        Assert.Equal(TapOutcome.CheckedIn, result.Outcome);
        Assert.Equal(1, rig.Central.State.RequestCount(SimEndpoint.KioskCheckin));
        Assert.Equal(1, rig.Central.State.CheckinCountForChip(card.ChipNumber));
        Assert.Equal(TapCredit.CreditedFromHistory, Assert.Single(rig.Store.CreditCounts()).Credit);
        // The call whose answer was not kept counts as interrupted: its outcome was never stored.
        Assert.Equal(1, rig.Scalar("SELECT COUNT(*) FROM relay_attempts WHERE outcome = 'interrupted'"));
        Assert.Contains(rig.Logs.Entries, e => e.Message.Contains("failed unexpectedly", StringComparison.Ordinal));
    }

    /// <summary>
    /// Makes the agent's next write that settles a tap (relay_state = 2) fail, with a trigger in
    /// its SQLite file, right after central counted the kiosk check-in; removed at the next call to central.
    /// </summary>
    internal sealed class StoreFailure
    {
        private const string Trigger = "fail_settling_a_tap";
        private int _state;

        public string DatabasePath { get; set; } = "";

        public bool Injected => Volatile.Read(ref _state) == 2;

        public void Inject()
        {
            if (Interlocked.CompareExchange(ref _state, 1, 0) == 0)
            {
                Execute($"CREATE TRIGGER {Trigger} BEFORE UPDATE OF relay_state ON taps WHEN NEW.relay_state = 2 BEGIN SELECT RAISE(ABORT, 'injected store failure'); END");
            }
        }

        public void Remove()
        {
            if (Interlocked.CompareExchange(ref _state, 2, 1) == 1)
            {
                Execute($"DROP TRIGGER {Trigger}");
            }
        }

        private void Execute(string sql)
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false, DefaultTimeout = 15 }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Central; its first kiosk check-in is followed by <see cref="StoreFailure.Inject"/>, any later call by <see cref="StoreFailure.Remove"/>.</summary>
    private sealed class FailingStoreAfterKioskCall(IUitpasCentral inner, StoreFailure failure) : IUitpasCentral
    {
        public async Task<CentralResponse<KioskCheckin>> KioskCheckinAsync(string kioskToken, string chipNumber, CancellationToken ct)
        {
            failure.Remove();
            var response = await inner.KioskCheckinAsync(kioskToken, chipNumber, ct);
            failure.Inject();
            return response;
        }

        public Task<CentralResponse<KioskEvent>> GetKioskCurrentEventAsync(string kioskToken, CancellationToken ct) => inner.GetKioskCurrentEventAsync(kioskToken, ct);

        public Task<CentralResponse<PassInfo>> GetPassAsync(string identifier, CancellationToken ct)
        {
            failure.Remove();
            return inner.GetPassAsync(identifier, ct);
        }

        public Task<CentralResponse<CheckinPage>> SearchCheckinsAsync(CheckinQuery query, CancellationToken ct)
        {
            failure.Remove();
            return inner.SearchCheckinsAsync(query, ct);
        }

        public Task<CentralResponse<CheckinResult>> CheckinAsync(string uitpasNumber, string eventId, CancellationToken ct)
        {
            failure.Remove();
            return inner.CheckinAsync(uitpasNumber, eventId, ct);
        }

        public Task<CentralResponse<IReadOnlyList<SocialTariffCard>>> GetActiveSocialTariffCardsAsync(int cardSystemId, CancellationToken ct) =>
            inner.GetActiveSocialTariffCardsAsync(cardSystemId, ct);

        public Task<CentralResponse<EventSettings>> GetEventSettingsAsync(string eventId, CancellationToken ct) => inner.GetEventSettingsAsync(eventId, ct);

        public Task<CentralResponse<TariffList>> GetStaticTariffsAsync(string eventId, decimal regularPrice, CancellationToken ct) =>
            inner.GetStaticTariffsAsync(eventId, regularPrice, ct);
    }
}
