namespace Uitpas.Edge.Cli.CommandLine;

/// <summary>One <c>--name</c> a command takes: with a value or a flag, required or not, once or repeatable.</summary>
public sealed record OptionSpec(string Name, string Help, bool TakesValue = true, bool Required = false, bool Repeatable = false, string ValueName = "value")
{
    /// <summary>How the option is shown in the usage line.</summary>
    public string Synopsis
    {
        get
        {
            var text = TakesValue ? $"--{Name} <{ValueName}>" : $"--{Name}";
            text = Required ? text : $"[{text}]";
            return Repeatable ? text + "…" : text;
        }
    }
}
