using System.Diagnostics;
using System.Threading.Channels;
using System.Data.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Uitpas.Edge.Agent.Store;

/// <summary>
/// The single writer of the database, with group commit: callers queue work, one loop takes
/// whatever is waiting, runs it in one transaction (IMMEDIATE on SQLite) and completes every
/// waiter only after COMMIT returned. A batch runs first without savepoints; when a piece
/// throws, the transaction is rolled back and the batch runs again with each piece under its
/// own savepoint, so one failing piece does not spoil the others. One fsync (SQLite, synchronous=FULL) or one WAL flush (PostgreSQL)
/// then covers many taps, so throughput grows with the number of terminals publishing at once.
/// One writer connection per agent instance; on PostgreSQL a piece that loses a deadlock or a
/// serialization conflict against another instance is rolled back to its savepoint and run again.
/// Stopping refuses new work, finishes what is queued and closes the connection.
/// </summary>
public sealed class StoreWriter : IHostedService, IAsyncDisposable
{
    /// <summary>Most pieces of work in one transaction.</summary>
    public const int MaxBatch = 512;

    /// <summary>Most runs of one piece that fails with a transient error (deadlock, serialization failure).</summary>
    private const int MaxTries = 3;

    private readonly AgentDatabase _database;
    private readonly ILogger<StoreWriter> _logger;
    private readonly Channel<WriteOperation> _queue = Channel.CreateUnbounded<WriteOperation>(new UnboundedChannelOptions { SingleReader = true });
    private DbConnection? _connection;
    private Task? _loop;

    /// <summary>Creates the writer; <see cref="StartAsync"/> opens the database.</summary>
    public StoreWriter(AgentDatabase database, ILogger<StoreWriter> logger)
    {
        _database = database;
        _logger = logger;
    }

    /// <summary>
    /// Queues <paramref name="work"/> for the next transaction; the task completes with its
    /// result once that transaction committed, or fails with the exception of the work or of
    /// the COMMIT. A canceled token drops the work if it did not run yet.
    /// </summary>
    internal Task<T> ExecuteAsync<T>(Func<DbConnection, DbTransaction, T> work, CancellationToken cancellationToken)
    {
        var operation = new WriteOperation<T>(work, cancellationToken);
        if (!_queue.Writer.TryWrite(operation))
        {
            operation.Fail(new InvalidOperationException("The store writer is stopped."));
        }
        return operation.Task;
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _database.EnsureCreated();
        _connection = _database.Open();
        _loop = Task.Factory.StartNew(RunLoopAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
        StoreLog.Opened(_logger, _database.Description);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
            _loop = null;
        }
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
            _connection = null;
            StoreLog.Closed(_logger, _database.Description);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

    private async Task RunLoopAsync()
    {
        var batch = new List<WriteOperation>(MaxBatch);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && reader.TryRead(out var operation))
            {
                if (operation.IsCanceled)
                {
                    operation.Cancel();
                }
                else
                {
                    batch.Add(operation);
                }
            }
            if (batch.Count > 0)
            {
                CommitBatch(batch);
            }
        }
    }

    /// <summary>Opens the writer's connection again after it broke (PostgreSQL restarted, network cut).</summary>
    private void EnsureConnection()
    {
        if (_connection is { State: System.Data.ConnectionState.Open })
        {
            return;
        }
        _connection?.Dispose();
        _connection = null;
        _connection = _database.Open();
    }

    /// <summary>
    /// A savepoint costs more than a tap's INSERT (on PostgreSQL a round trip to the server), so
    /// the batch first runs without them, one statement per piece. True when that transaction ended (committed: every waiter
    /// completed; or its COMMIT failed: every waiter failed); false when a piece threw: the
    /// transaction was rolled back and the batch must run again under savepoints, which sets the
    /// failing piece apart (and runs it again if it lost a conflict with another instance).
    /// </summary>
    private bool RunWhole(List<WriteOperation> batch)
    {
        DbTransaction? transaction = null;
        try
        {
            EnsureConnection();
            transaction = _database.BeginWrite(_connection!);
            foreach (var operation in batch)
            {
                operation.Run(_connection!, transaction);
            }
        }
        catch (Exception)
        {
            try
            {
                transaction?.Rollback();
            }
            catch (Exception rollback) when (rollback is DbException or InvalidOperationException)
            {
                // A broken connection rolled back already; the savepoint pass opens a new one.
            }
            transaction?.Dispose();
            return false;
        }
        try
        {
            transaction.Commit();
        }
        catch (Exception exception)
        {
            StoreLog.CommitFailed(_logger, batch.Count, exception);
            foreach (var operation in batch)
            {
                operation.Fail(exception);
            }
            return true;
        }
        finally
        {
            transaction.Dispose();
        }
        foreach (var operation in batch)
        {
            operation.Complete();
        }
        return true;
    }

    /// <summary>Runs one piece under its savepoint; false when it failed (rolled back to the savepoint, its waiter failed).</summary>
    private bool Run(WriteOperation operation, DbTransaction transaction)
    {
        for (var tries = 1; ; tries++)
        {
            transaction.Save("op");
            try
            {
                operation.Run(_connection!, transaction);
                transaction.Release("op");
                return true;
            }
            catch (Exception exception)
            {
                transaction.Rollback("op");
                transaction.Release("op");
                if (exception is DbException { IsTransient: true } && tries < MaxTries)
                {
                    StoreLog.OperationRetried(_logger, tries, exception.Message);
                    continue;
                }
                operation.Fail(exception);
                StoreLog.OperationFailed(_logger, exception);
                return false;
            }
        }
    }

    private void CommitBatch(List<WriteOperation> batch)
    {
        var started = Stopwatch.GetTimestamp();
        if (RunWhole(batch))
        {
            StoreLog.Committed(_logger, batch.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return;
        }
        var failed = new HashSet<WriteOperation>();
        try
        {
            EnsureConnection();
            using var transaction = _database.BeginWrite(_connection!);
            foreach (var operation in batch)
            {
                if (!Run(operation, transaction))
                {
                    failed.Add(operation);
                }
            }
            transaction.Commit();
        }
        catch (Exception exception)
        {
            StoreLog.CommitFailed(_logger, batch.Count, exception);
            foreach (var operation in batch)
            {
                operation.Fail(exception);
            }
            return;
        }
        foreach (var operation in batch)
        {
            if (!failed.Contains(operation))
            {
                operation.Complete();
            }
        }
        StoreLog.Committed(_logger, batch.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
}
