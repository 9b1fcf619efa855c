using Uitpas.Edge.Cli.CommandLine;

return CliApp.Run(args, Console.Out, Console.Error);
