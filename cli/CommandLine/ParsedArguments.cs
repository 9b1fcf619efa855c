namespace Uitpas.Edge.Cli.CommandLine;

/// <summary>
/// A command's arguments once parsed against its <see cref="Command"/>: positionals in order,
/// options by name. Accepts <c>--name value</c> and <c>--name=value</c>; <c>--</c> ends the
/// options. Unknown options, missing values, missing required options or positionals, extra
/// positionals and repeats of a non-repeatable option are <see cref="UsageException"/>s.
/// </summary>
public sealed class ParsedArguments
{
    private readonly Dictionary<string, List<string>> _options;

    private ParsedArguments(IReadOnlyList<string> positionals, Dictionary<string, List<string>> options)
    {
        Positionals = positionals;
        _options = options;
    }

    /// <summary>The positional arguments, in order.</summary>
    public IReadOnlyList<string> Positionals { get; }

    /// <summary>Parses <paramref name="arguments"/> (the words after the command's name).</summary>
    public static ParsedArguments Parse(Command command, IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(arguments);
        var specs = command.Options.ToDictionary(o => o.Name, StringComparer.Ordinal);
        var positionals = new List<string>();
        var options = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var onlyPositionals = false;
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            if (onlyPositionals || !argument.StartsWith("--", StringComparison.Ordinal))
            {
                positionals.Add(argument);
                continue;
            }
            if (argument == "--")
            {
                onlyPositionals = true;
                continue;
            }
            var name = argument[2..];
            string? value = null;
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                value = name[(equals + 1)..];
                name = name[..equals];
            }
            if (!specs.TryGetValue(name, out var spec))
            {
                throw new UsageException($"unknown option --{name}");
            }
            if (spec.TakesValue && value is null)
            {
                if (i + 1 >= arguments.Count || arguments[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new UsageException($"--{name} needs a value ({spec.ValueName})");
                }
                value = arguments[++i];
            }
            else if (!spec.TakesValue && value is not null)
            {
                throw new UsageException($"--{name} takes no value");
            }
            if (!options.TryGetValue(name, out var values))
            {
                options[name] = values = [];
            }
            else if (!spec.Repeatable)
            {
                throw new UsageException($"--{name} is given twice");
            }
            values.Add(value ?? "");
        }
        foreach (var spec in command.Options.Where(o => o.Required && !options.ContainsKey(o.Name)))
        {
            throw new UsageException($"--{spec.Name} is required");
        }
        if (positionals.Count < command.Positionals.Length)
        {
            throw new UsageException($"<{command.Positionals[positionals.Count]}> is missing");
        }
        if (positionals.Count > command.Positionals.Length)
        {
            throw new UsageException($"unexpected argument '{positionals[command.Positionals.Length]}'");
        }
        return new ParsedArguments(positionals, options);
    }

    /// <summary>The value of a required option (or null for an optional one that is absent).</summary>
    public string? Value(string name) => _options.TryGetValue(name, out var values) ? values[^1] : null;

    /// <summary>The value of an option that must be there, not empty.</summary>
    public string Required(string name)
    {
        var value = Value(name);
        return string.IsNullOrWhiteSpace(value) ? throw new UsageException($"--{name} needs a value") : value;
    }

    /// <summary>Every value of a repeatable option, in order.</summary>
    public IReadOnlyList<string> Values(string name) => _options.TryGetValue(name, out var values) ? values : [];

    /// <summary>True when the flag was given.</summary>
    public bool Flag(string name) => _options.ContainsKey(name);
}
