using System.Globalization;

namespace Uitpas.Edge.Bench.Ingest;

/// <summary>The command line: --terminals 1000 --seconds 30 --rate 1000 --scenarios raw,embedded,external,stock …</summary>
public sealed class BenchOptions
{
    public int Terminals { get; private set; } = 1000;
    public int Seconds { get; private set; } = 30;
    public int WarmUpSeconds { get; private set; } = 5;
    public int Rate { get; private set; } = 1000;
    public int ConnectParallel { get; private set; } = 1000;
    public int IdleSeconds { get; private set; } = 10;
    public bool StockEmbedded { get; private set; }
    public int? StockBacklog { get; private set; }
    public string[] Scenarios { get; private set; } = ["raw", "embedded", "external"];
    public string MosquittoPath { get; private set; } = Targets.Mosquitto.DefaultPath;
    public string? Output { get; private set; }

    /// <summary>Another build of the agent (--agent-dll PATH), e.g. with a change under test.</summary>
    public string? AgentDll { get; private set; }

    /// <summary>Appended to the agent's rows (--label TEXT).</summary>
    public string AgentLabel { get; private set; } = "";

    /// <summary>Extra agent settings (--agent Key=Value, repeatable), e.g. to try a broker option.</summary>
    public Dictionary<string, string> AgentSettings { get; } = [];

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Number() => int.Parse(Value(), CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--terminals": options.Terminals = Number(); break;
                case "--seconds": options.Seconds = Number(); break;
                case "--warmup": options.WarmUpSeconds = Number(); break;
                case "--rate": options.Rate = Number(); break;
                case "--connect-parallel": options.ConnectParallel = Number(); break;
                case "--idle-seconds": options.IdleSeconds = Number(); break;
                case "--stock-embedded": options.StockEmbedded = true; break;
                case "--stock-backlog": options.StockBacklog = Number(); break;
                case "--scenarios": options.Scenarios = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries); break;
                case "--mosquitto": options.MosquittoPath = Value(); break;
                case "--out": options.Output = Value(); break;
                case "--agent-dll": options.AgentDll = Value(); break;
                case "--label": options.AgentLabel = " " + Value(); break;
                case "--agent":
                    var pair = Value().Split('=', 2);
                    options.AgentSettings[pair[0]] = pair.Length > 1 ? pair[1] : "";
                    break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }
        if (options.StockEmbedded && !options.Scenarios.Contains("stock"))
        {
            options.Scenarios = [.. options.Scenarios, "stock"];
        }
        return options;
    }
}
