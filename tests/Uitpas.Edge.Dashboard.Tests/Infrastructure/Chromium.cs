namespace Uitpas.Edge.Dashboard.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium for the browser tests: <c>UITPAS_EDGE_CHROMIUM</c> or /usr/bin/chromium.
/// When it is missing a browser test is skipped with the reason, unless
/// <c>UITPAS_EDGE_REQUIRE_SERVERS=1</c> (CI): then the test runs and fails with the reason.
/// </summary>
public static class Chromium
{
    /// <summary>The environment variable naming another Chromium binary.</summary>
    public const string PathVariable = "UITPAS_EDGE_CHROMIUM";

    /// <summary>The environment variable that turns a missing browser into a failure.</summary>
    public const string RequireVariable = "UITPAS_EDGE_REQUIRE_SERVERS";

    /// <summary>The environment variable naming a folder for the tests' screenshots (none when unset).</summary>
    public const string ScreenshotVariable = "UITPAS_EDGE_SCREENSHOTS";

    /// <summary>The binary the tests launch.</summary>
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>True when a missing browser must fail the test instead of skipping it.</summary>
    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>Why the browser cannot be used, or null when it can.</summary>
    public static string? Missing =>
        File.Exists(ExecutablePath) ? null : $"Chromium not found at {ExecutablePath} (apt-get install chromium, or set {PathVariable})";

    /// <summary>Throws with the reason when the browser is missing (a required run fails clearly).</summary>
    public static void Ensure()
    {
        if (Missing is { } reason)
        {
            throw new InvalidOperationException($"{reason}. CI ({RequireVariable}=1) requires it; .ci/run installs it.");
        }
    }
}

/// <summary>A fact that drives Chromium: skipped with the reason when it is missing, unless UITPAS_EDGE_REQUIRE_SERVERS=1.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!Chromium.Required && Chromium.Missing is { } reason)
        {
            Skip = reason + $" (set {Chromium.RequireVariable}=1 to fail instead)";
        }
    }
}
