using System.Globalization;

namespace Uitpas.Edge.Bench.ConfigConvergence;

/// <summary>The command line: --terminals 1000 --runs 5 --timeout-seconds 120 --out FILE.</summary>
public sealed class BenchOptions
{
    public int Terminals { get; private set; } = 1000;

    public int Runs { get; private set; } = 5;

    public TimeSpan Timeout { get; private set; } = TimeSpan.FromSeconds(120);

    public string? Output { get; private set; }

    public static BenchOptions Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value");
            int Number(int min) => int.Parse(Value(), CultureInfo.InvariantCulture) is var n && n >= min ? n : throw new ArgumentException($"{name} must be at least {min}");
            switch (name)
            {
                case "--terminals": options.Terminals = Number(1); break;
                case "--runs": options.Runs = Number(1); break;
                case "--timeout-seconds": options.Timeout = TimeSpan.FromSeconds(Number(1)); break;
                case "--out": options.Output = Value(); break;
                default: throw new ArgumentException($"unknown option {name}");
            }
        }
        return options;
    }
}
