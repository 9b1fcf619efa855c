using Uitpas.Edge.Tools.NfFacade;
using Uitpas.Edge.Tools.NfFacade.Emit;
using Uitpas.Edge.Tools.NfFacade.Packages;
using Uitpas.Edge.Tools.NfFacade.Surface;

// Usage: Uitpas.Edge.Tools.NfFacade --surface <api-surface.txt> --out <directory>
//        Uitpas.Edge.Tools.NfFacade check-packages | explain-missing ...   (Packages/PackagesCommand.cs)
// Errors are printed in the canonical "file(line): error CODE: message" form, so MSBuild shows them as build errors.
const string Usage = "usage: Uitpas.Edge.Tools.NfFacade --surface <api-surface.txt> --out <directory>";

if (args.Length > 0 && args[0] is "check-packages" or "explain-missing")
{
    return PackagesCommand.Run(args[0], args[1..]);
}

string? surfacePath = null;
string? outputDirectory = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--surface" when i + 1 < args.Length:
            surfacePath = args[++i];
            break;
        case "--out" when i + 1 < args.Length:
            outputDirectory = args[++i];
            break;
        default:
            Console.Error.WriteLine($"nanoframework-facade: error {SurfaceErrors.Io}: unexpected argument '{args[i]}'; {Usage}");
            return 2;
    }
}

if (surfacePath is null || outputDirectory is null)
{
    Console.Error.WriteLine($"nanoframework-facade: error {SurfaceErrors.Io}: {Usage}");
    return 2;
}

surfacePath = Path.GetFullPath(surfacePath);
try
{
    var assemblies = FacadeGenerator.Generate(surfacePath, File.ReadLines(surfacePath));
    FacadeGenerator.WriteTo(outputDirectory, assemblies);
    Console.WriteLine($"nanoframework-facade: {assemblies.Count} facade assemblies written to {Path.GetFullPath(outputDirectory)}");
    return 0;
}
catch (SurfaceFormatException e)
{
    var where = e.Line > 0 ? $"{surfacePath}({e.Line})" : surfacePath;
    Console.WriteLine($"{where}: error {e.Code}: {e.Message}");
    return 1;
}
catch (FacadeCompilationException e)
{
    Console.WriteLine($"{surfacePath}: error {SurfaceErrors.FacadeDoesNotCompile}: {e.Message}; the surface lines below cannot be expressed as C#:");
    foreach (var error in e.Errors)
    {
        Console.WriteLine(error);
    }

    return 1;
}
catch (IOException e)
{
    Console.WriteLine($"{surfacePath}: error {SurfaceErrors.Io}: {e.Message}");
    return 1;
}
catch (UnauthorizedAccessException e)
{
    Console.WriteLine($"{surfacePath}: error {SurfaceErrors.Io}: {e.Message}");
    return 1;
}
