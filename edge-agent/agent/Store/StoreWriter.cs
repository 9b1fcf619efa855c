using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Uitpas.Edge.Agent.Store;

/// <summary>
/// The single writer of the database, with group commit: callers queue work, one loop takes
/// whatever is waiting, runs it in one IMMEDIATE transaction (each piece under its own
/// savepoint, so one failing piece does not spoil the others) and completes every waiter only
/// after COMMIT returned. With synchronous=FULL one fsync then covers many taps, so throughput
/// grows with the number of terminals publishing at once.
/// Stopping refuses new work, finishes what is queued and closes the connection.
/// </summary>
public sealed class StoreWriter : IHostedService, IAsyncDisposable
{
    /// <summary>Most pieces of work in one transaction.</summary>
    public const int MaxBatch = 512;

    private readonly AgentDatabase _database;
    private readonly ILogger<StoreWriter> _logger;
    private readonly Channel<WriteOperation> _queue = Channel.CreateUnbounded<WriteOperation>(new UnboundedChannelOptions { SingleReader = true });
    private SqliteConnection? _connection;
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
    internal Task<T> ExecuteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken)
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
        StoreLog.Opened(_logger, _database.FilePath);
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
            StoreLog.Closed(_logger, _database.FilePath);
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

    private void CommitBatch(List<WriteOperation> batch)
    {
        var started = Stopwatch.GetTimestamp();
        var failed = new HashSet<WriteOperation>();
        try
        {
            using var transaction = _connection!.BeginTransaction(deferred: false);
            foreach (var operation in batch)
            {
                transaction.Save("op");
                try
                {
                    operation.Run(_connection, transaction);
                    transaction.Release("op");
                }
                catch (Exception exception)
                {
                    transaction.Rollback("op");
                    transaction.Release("op");
                    failed.Add(operation);
                    operation.Fail(exception);
                    StoreLog.OperationFailed(_logger, exception);
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
