using Uitpas.Edge.Cli.CommandLine;

return await CliApp.RunAsync(args, Console.Out, Console.Error, CliEnvironment.FromConsole());
