using Npgsql;

namespace Uitpas.Edge.Region.Tests.Infrastructure;

/// <summary>The servers a region test needs.</summary>
[Flags]
public enum RegionServer
{
    /// <summary>None.</summary>
    None = 0,

    /// <summary>A mosquitto binary (/usr/sbin/mosquitto or on PATH).</summary>
    Mosquitto = 1,

    /// <summary>A PostgreSQL cluster reachable with UITPAS_EDGE_TEST_POSTGRES.</summary>
    PostgreSql = 2,
}

/// <summary>
/// Finds the servers once per test run. When one is missing a test that needs it is skipped,
/// unless UITPAS_EDGE_REQUIRE_SERVERS=1 (CI): then the test runs and fails with the reason.
/// </summary>
public static class RegionServers
{
    /// <summary>The environment variable holding the maintenance connection string (Database=postgres).</summary>
    public const string PostgresVariable = "UITPAS_EDGE_TEST_POSTGRES";

    /// <summary>The environment variable that turns a missing server into a failure.</summary>
    public const string RequireVariable = "UITPAS_EDGE_REQUIRE_SERVERS";

    private static readonly Lazy<string?> MosquittoBinary = new(FindMosquitto);
    private static readonly Lazy<string?> PostgresProblem = new(ProbePostgres);

    /// <summary>True when a missing server must fail the test instead of skipping it.</summary>
    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>The mosquitto binary, or null.</summary>
    public static string? MosquittoPath => MosquittoBinary.Value;

    /// <summary>The maintenance connection string from <see cref="PostgresVariable"/>, or null.</summary>
    public static string? PostgresConnectionString => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value : null;

    /// <summary>Why the servers in <paramref name="needs"/> cannot be used, or null when they can.</summary>
    public static string? Missing(RegionServer needs)
    {
        var reasons = new List<string>();
        if (needs.HasFlag(RegionServer.Mosquitto) && MosquittoPath is null)
        {
            reasons.Add("mosquitto not found (/usr/sbin/mosquitto or PATH; apt-get install mosquitto)");
        }
        if (needs.HasFlag(RegionServer.PostgreSql) && PostgresProblem.Value is { } problem)
        {
            reasons.Add(problem);
        }
        return reasons.Count == 0 ? null : string.Join("; ", reasons);
    }

    /// <summary>Throws with the reason when a needed server is missing (for fixtures: a required run fails clearly).</summary>
    public static void Ensure(RegionServer needs)
    {
        if (Missing(needs) is { } reason)
        {
            throw new InvalidOperationException($"Region test servers missing: {reason}. CI ({RequireVariable}=1) requires them; .ci/run installs and starts them.");
        }
    }

    private static string? FindMosquitto()
    {
        if (File.Exists("/usr/sbin/mosquitto"))
        {
            return "/usr/sbin/mosquitto";
        }
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "mosquitto"))
            .FirstOrDefault(File.Exists);
    }

    private static string? ProbePostgres()
    {
        if (PostgresConnectionString is not { } connectionString)
        {
            return $"{PostgresVariable} is not set";
        }
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString) { Timeout = 3, Pooling = false };
            using var connection = new NpgsqlConnection(builder.ConnectionString);
            connection.Open();
            return null;
        }
        catch (Exception exception) when (exception is NpgsqlException or ArgumentException or InvalidOperationException or TimeoutException)
        {
            return $"PostgreSQL not reachable with {PostgresVariable} ({exception.Message})";
        }
    }
}

/// <summary>
/// A fact that needs region servers: skipped with the reason when they are missing, unless
/// UITPAS_EDGE_REQUIRE_SERVERS=1, where the test runs and its fixture fails with the reason.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RegionFactAttribute : FactAttribute
{
    public RegionFactAttribute(RegionServer needs = RegionServer.Mosquitto)
    {
        Needs = needs;
        if (!RegionServers.Required && RegionServers.Missing(needs) is { } reason)
        {
            Skip = "Region servers missing: " + reason + $" (set {RegionServers.RequireVariable}=1 to fail instead)";
        }
    }

    /// <summary>The servers the test needs.</summary>
    public RegionServer Needs { get; }
}
