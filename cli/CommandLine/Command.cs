namespace Uitpas.Edge.Cli.CommandLine;

/// <summary>
/// One command of the table: its words (e.g. "device", "credentials"), the positional
/// arguments it takes, its options, a one-line summary, and what it does.
/// </summary>
public sealed record Command(
    string[] Words,
    string Summary,
    string[] Positionals,
    OptionSpec[] Options,
    Func<ParsedArguments, CommandContext, int> Run)
{
    /// <summary>The command's name, e.g. "device credentials".</summary>
    public string Name => string.Join(' ', Words);

    /// <summary>The usage line and the options, for --help and after a usage error.</summary>
    public string Usage()
    {
        var line = "usage: uitpas-edge " + Name;
        foreach (var positional in Positionals)
        {
            line += $" <{positional}>";
        }
        foreach (var option in Options)
        {
            line += " " + option.Synopsis;
        }
        var text = new System.Text.StringBuilder().AppendLine(line).AppendLine().AppendLine(Summary);
        if (Options.Length > 0)
        {
            text.AppendLine().AppendLine("options:");
            foreach (var option in Options)
            {
                text.AppendLine($"  {(option.TakesValue ? $"--{option.Name} <{option.ValueName}>" : $"--{option.Name}"),-28} {option.Help}");
            }
            text.AppendLine($"  {"--help",-28} this text");
        }
        return text.ToString();
    }
}

/// <summary>Where a command writes and what it may read from its environment.</summary>
public sealed record CommandContext(TextWriter Out, TextWriter Error, TimeProvider Clock);
