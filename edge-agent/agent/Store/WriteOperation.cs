using System.Data.Common;

namespace Uitpas.Edge.Agent.Store;

/// <summary>One unit of work queued for the <see cref="StoreWriter"/>: run inside the shared transaction, completed after COMMIT.</summary>
internal abstract class WriteOperation
{
    public abstract bool IsCanceled { get; }

    public abstract void Run(DbConnection connection, DbTransaction transaction);

    /// <summary>Hands the result to the waiter; called only after the transaction committed.</summary>
    public abstract void Complete();

    public abstract void Fail(Exception exception);

    public abstract void Cancel();
}

internal sealed class WriteOperation<T>(Func<DbConnection, DbTransaction, T> work, CancellationToken cancellationToken) : WriteOperation
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;

    public Task<T> Task => _completion.Task;

    public override bool IsCanceled => cancellationToken.IsCancellationRequested;

    public override void Run(DbConnection connection, DbTransaction transaction) => _result = work(connection, transaction);

    public override void Complete() => _completion.TrySetResult(_result!);

    public override void Fail(Exception exception) => _completion.TrySetException(exception);

    public override void Cancel() => _completion.TrySetCanceled(cancellationToken);
}
