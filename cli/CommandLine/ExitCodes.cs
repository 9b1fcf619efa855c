namespace Uitpas.Edge.Cli.CommandLine;

/// <summary>The CLI's exit codes.</summary>
public static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Ok = 0;

    /// <summary>The command failed: the agent refused, an unknown device, a silent board, nanoff failed (see the message on stderr).</summary>
    public const int Failed = 1;

    /// <summary>Bad arguments (see the message and the usage line on stderr).</summary>
    public const int Usage = 2;
}
