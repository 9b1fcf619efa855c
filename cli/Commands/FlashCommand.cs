using System.CommandLine;
using Spectre.Console;
using Uitpas.Edge.Cli.CommandLine;
using Uitpas.Edge.Cli.Flashing;
using static Uitpas.Edge.Cli.CommandLine.Options;

namespace Uitpas.Edge.Cli.Commands;

/// <summary>
/// <c>device flash</c>: nanoff writes the nanoFramework firmware for the ESP32 target, then
/// deploys the app image built from firmware/image. The nanoff command lines follow its README
/// (github.com/nanoframework/nanoFirmwareFlasher, "Update the firmware of an ESP32 target":
/// <c>nanoff --update --target ESP32_PSRAM_REV0 --serialport COM31</c>; "Deploy a managed
/// application": <c>nanoff --nanodevice --deploy --serialport COM9 --image app.bin</c>).
/// </summary>
internal static class FlashCommand
{
    /// <summary>Where firmware/image's nanoFramework build puts its .pe files (nfproj.props OutputPath), relative to the repository root.</summary>
    public const string DefaultImageDirectory = "firmware/image/bin/nanoFramework/Release";

    /// <summary>The deployment image written next to the .pe files.</summary>
    public const string DeploymentFileName = "uitpas-edge-deploy.bin";

    private const int LastLines = 8;

    public static Command Build(CliSession session)
    {
        var port = Text("--port", "the board's serial port (/dev/ttyUSB0, COM5)", "port", required: true);
        var target = Text("--target", "the nanoFramework firmware target (default ESP32_REV3)", "name");
        var imageDir = Text("--image-dir", $"the built firmware image's .pe files (default {DefaultImageDirectory}, relative to the working directory)", "dir");
        var firmwareOnly = Flag("--firmware-only", "write the nanoFramework firmware only, not the app");
        var dryRun = Flag("--dry-run", "print the nanoff commands and write nothing");
        var command = Command("flash",
            "Writes the nanoFramework firmware (nanoff --update) and the Uitpas.Edge app (the .pe files joined into one deployment image, nanoff --deploy) "
            + "to a board on a serial port. Needs nanoff: dotnet tool install -g nanoff.",
            port, target, imageDir, firmwareOnly, dryRun);
        session.Handle(command, context => RunAsync(context, context.Get(port)!, context.Get(target) ?? "ESP32_REV3",
            context.Get(imageDir) ?? DefaultImageDirectory, context.Get(firmwareOnly), context.Get(dryRun)));
        return command;
    }

    private static async Task<int> RunAsync(CommandContext context, string port, string target, string imageDirectory, bool firmwareOnly, bool dryRun)
    {
        if (port.Trim().Length == 0)
        {
            throw new UsageException("--port is empty");
        }
        if (target.Length == 0 || !target.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            throw new UsageException($"--target '{target}' is not a nanoFramework target name (such as ESP32_REV3)");
        }
        if (!OperatingSystem.IsWindows() && !File.Exists(port))
        {
            throw new CommandFailedException($"port {port} does not exist: is the board plugged in? (ls /dev/ttyUSB* /dev/ttyACM*)");
        }
        var directory = Path.GetFullPath(imageDirectory);
        var assemblies = firmwareOnly ? [] : DeploymentImage.Assemblies(directory);
        if (!firmwareOnly && assemblies.Count == 0)
        {
            throw new CommandFailedException($"no .pe files in {directory}: build the firmware image first (dotnet build firmware/image -c Release, with the nanoFramework build tools), "
                + "or point --image-dir at it, or use --firmware-only");
        }
        var image = Path.Combine(directory, DeploymentFileName);
        var firmware = new[] { "--target", target, "--serialport", port, "--update" };
        var deploy = new[] { "--nanodevice", "--serialport", port, "--deploy", "--image", image };
        var steps = firmwareOnly ? new[] { firmware } : [firmware, deploy];
        var nanoff = Nanoff.Find(context.Environment.Variable("PATH"));
        if (dryRun)
        {
            if (nanoff is null)
            {
                context.Error.WriteLine($"note: {Nanoff.InstallHint}");
            }
            if (context.Json)
            {
                context.WriteJson(new { dryRun = true, port, target, image = firmwareOnly ? null : image, assemblies = assemblies.Select(Path.GetFileName).ToArray(),
                    commands = steps.Select(Nanoff.Display).ToArray() });
                return ExitCodes.Ok;
            }
            if (!firmwareOnly)
            {
                context.Out.WriteLine($"# would join {assemblies.Count} assemblies ({string.Join(", ", assemblies.Select(Path.GetFileName))}) into {image}");
            }
            foreach (var step in steps)
            {
                context.Out.WriteLine(Nanoff.Display(step));
            }
            return ExitCodes.Ok;
        }
        if (nanoff is null)
        {
            throw new CommandFailedException(Nanoff.InstallHint);
        }
        await StepAsync(context, nanoff, firmware, $"writing the {target} firmware to {port}");
        var bytes = 0;
        if (!firmwareOnly)
        {
            var content = DeploymentImage.Build(assemblies);
            bytes = content.Length;
            await File.WriteAllBytesAsync(image, content, context.Cancellation);
            context.Progress.WriteLine($"Deployment image {image}: {assemblies.Count} assemblies, {bytes} bytes.");
            await StepAsync(context, nanoff, deploy, $"deploying the app to {port}");
        }
        if (context.Json)
        {
            context.WriteJson(new { dryRun = false, port, target, image = firmwareOnly ? null : image, assemblies = assemblies.Select(Path.GetFileName).ToArray(),
                imageBytes = bytes, commands = steps.Select(Nanoff.Display).ToArray() });
            return ExitCodes.Ok;
        }
        context.Out.WriteLine(firmwareOnly
            ? $"Flashed the {target} firmware on {port}."
            : $"Flashed the {target} firmware and the app ({assemblies.Count} assemblies, {bytes} bytes) on {port}. Next: uitpas-edge device provision … --port {port}");
        return ExitCodes.Ok;
    }

    private static async Task StepAsync(CommandContext context, string nanoff, string[] arguments, string what)
    {
        var last = new Queue<string>();
        void Remember(string line)
        {
            if (line.Trim().Length == 0)
            {
                return;
            }
            last.Enqueue(line.Trim());
            if (last.Count > LastLines)
            {
                last.Dequeue();
            }
        }
        context.Progress.WriteLine($"{Capitalised(what)}: {Nanoff.Display(arguments)}");
        int code;
        if (context.Environment.Interactive && !context.Json)
        {
            code = await context.Console.Status().StartAsync(what, async status =>
                await Nanoff.RunAsync(nanoff, arguments, context.Environment.Variable("PATH"), line =>
                {
                    Remember(line);
                    status.Status(Markup.Escape(line.Trim()));
                }, context.Cancellation));
        }
        else
        {
            code = await Nanoff.RunAsync(nanoff, arguments, context.Environment.Variable("PATH"), line =>
            {
                Remember(line);
                context.Progress.WriteLine("  nanoff: " + line);
            }, context.Cancellation);
        }
        if (code != 0)
        {
            throw new CommandFailedException($"nanoff failed {what} (exit code {code}){(last.Count == 0 ? "" : ": " + string.Join(" | ", last))}");
        }
    }

    private static string Capitalised(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
