using System.Data;
using System.Data.Common;

namespace Uitpas.Edge.Agent.Store;

/// <summary>
/// Provider-neutral ADO.NET helpers: every statement uses @name parameters, which both
/// Microsoft.Data.Sqlite and Npgsql accept. Parameters carry their DbType so a null is typed
/// (PostgreSQL cannot infer the type of "@p IS NULL" alone).
/// </summary>
internal static class Sql
{
    /// <summary>A command on <paramref name="connection"/>, inside <paramref name="transaction"/> when given.</summary>
    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    public static DbCommand Bind(this DbCommand command, string name, string? value) => Add(command, name, value, DbType.String);

    public static DbCommand Bind(this DbCommand command, string name, long value) => Add(command, name, value, DbType.Int64);

    public static DbCommand Bind(this DbCommand command, string name, long? value) => Add(command, name, value, DbType.Int64);

    public static DbCommand Bind(this DbCommand command, string name, int value) => Add(command, name, value, DbType.Int32);

    public static DbCommand Bind(this DbCommand command, string name, int? value) => Add(command, name, value, DbType.Int32);

    public static DbCommand Bind(this DbCommand command, string name, byte[] value) => Add(command, name, value, DbType.Binary);

    /// <summary>Binds a value whose type is known only at run time: string, long, int or byte[] (a null binds as a text null).</summary>
    public static DbCommand BindValue(this DbCommand command, string name, object? value) => value switch
    {
        null => Add(command, name, null, DbType.String),
        string text => Add(command, name, text, DbType.String),
        long number => Add(command, name, number, DbType.Int64),
        int number => Add(command, name, number, DbType.Int32),
        byte[] bytes => Add(command, name, bytes, DbType.Binary),
        _ => throw new ArgumentException($"No database type for {value.GetType().Name}.", nameof(value)),
    };

    /// <summary>Adds a parameter without a value yet (for a statement run many times), returning it.</summary>
    public static DbParameter Parameter(this DbCommand command, string name, DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        command.Parameters.Add(parameter);
        return parameter;
    }

    /// <summary>Runs <paramref name="sql"/>, which takes no parameters; returns the rows changed.</summary>
    public static int Execute(DbConnection connection, DbTransaction? transaction, string sql)
    {
        using var command = Command(connection, transaction, sql);
        return command.ExecuteNonQuery();
    }

    private static DbCommand Add(DbCommand command, string name, object? value, DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }
}
