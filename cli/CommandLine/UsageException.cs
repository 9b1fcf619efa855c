namespace Uitpas.Edge.Cli.CommandLine;

/// <summary>Bad arguments: the message is printed with the command's usage line, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>The command could not do its work (agent refused, file exists, board silent, …): the message is printed, exit code 1.</summary>
public sealed class CommandFailedException(string message) : Exception(message);
