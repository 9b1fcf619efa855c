namespace Uitpas.Edge.Demo;

/// <summary>The demo's few knobs; every mistake gets a sentence and exit code 2.</summary>
public sealed record DemoOptions(int Terminals, int Taps, TimeSpan Pause, int BrokerPort, bool Quiet)
{
    /// <summary>The admin API and dashboard's port (8090 by default; 0 = any free port).</summary>
    public int AdminPort { get; init; } = 8090;

    /// <summary>Where the agent and the terminals keep their data; null = a temporary folder removed at the end.</summary>
    public string? DataDirectory { get; init; }

    public const string Usage =
        "usage: dotnet run --project demo [-- --terminals N (0-20, default 3)] [--taps N (0 = until Ctrl+C)] " +
        "[--pause MS (between a terminal's taps, default 1500)] [--broker-port P (default 1883, 0 = any)] " +
        "[--admin-port P (dashboard and admin API, default 8090, 0 = any)] [--data DIR (kept; default a temporary folder)] [--quiet]";

    public static DemoOptions? Parse(string[] args, out string? error)
    {
        error = null;
        var options = new DemoOptions(3, 0, TimeSpan.FromMilliseconds(1500), 1883, false);
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            if (name == "--quiet")
            {
                options = options with { Quiet = true };
                continue;
            }
            if (name is "-h" or "--help")
            {
                error = "";
                return null;
            }
            if (name == "--data")
            {
                if (i + 1 >= args.Length || args[i + 1].Length == 0)
                {
                    error = "--data needs a folder";
                    return null;
                }
                options = options with { DataDirectory = Path.GetFullPath(args[++i]) };
                continue;
            }
            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], out int value))
            {
                error = name.StartsWith("--", StringComparison.Ordinal) ? $"{name} needs a whole number" : $"unknown argument '{name}'";
                return null;
            }
            i++;
            switch (name)
            {
                case "--terminals" when value is >= 0 and <= 20: options = options with { Terminals = value }; break;
                case "--taps" when value >= 0: options = options with { Taps = value }; break;
                case "--pause" when value is >= 0 and <= 60_000: options = options with { Pause = TimeSpan.FromMilliseconds(value) }; break;
                case "--broker-port" when value is >= 0 and <= 65535: options = options with { BrokerPort = value }; break;
                case "--admin-port" when value is >= 0 and <= 65535: options = options with { AdminPort = value }; break;
                case "--terminals" or "--taps" or "--pause" or "--broker-port" or "--admin-port":
                    error = $"{name} {value} is out of range";
                    return null;
                default:
                    error = $"unknown argument '{name}'";
                    return null;
            }
        }
        return options;
    }
}
