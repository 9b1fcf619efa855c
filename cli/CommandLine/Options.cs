using System.CommandLine;

namespace Uitpas.Edge.Cli.CommandLine;

/// <summary>Short constructors for the options and arguments the commands use.</summary>
internal static class Options
{
    /// <summary>An option with one text value.</summary>
    public static Option<string> Text(string name, string description, string helpName = "value", bool required = false) =>
        new(name) { Description = description, HelpName = helpName, Required = required };

    /// <summary>An option that may be given several times (<c>--ip a --ip b</c>).</summary>
    public static Option<string[]> Many(string name, string description, string helpName = "value", bool required = false) =>
        new(name) { Description = description, HelpName = helpName, Required = required, Arity = required ? ArgumentArity.OneOrMore : ArgumentArity.ZeroOrMore };

    /// <summary>A flag.</summary>
    public static Option<bool> Flag(string name, string description) => new(name) { Description = description };

    /// <summary>A positional argument with one text value.</summary>
    public static Argument<string> Positional(string name, string description) => new(name) { Description = description };

    /// <summary>A command with its options and arguments.</summary>
    public static Command Command(string name, string description, params Symbol[] symbols)
    {
        var command = new Command(name, description);
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Option option:
                    command.Options.Add(option);
                    break;
                case Argument argument:
                    command.Arguments.Add(argument);
                    break;
                case Command sub:
                    command.Subcommands.Add(sub);
                    break;
            }
        }
        return command;
    }
}
