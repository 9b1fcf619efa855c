using System.Xml.Linq;

namespace Uitpas.Edge.Tools.NfFacade.Packages;

/// <summary>
/// The verbs 'check-packages' (after a proof compiled: its assembly references against packages.config)
/// and 'explain-missing' (after a proof failed to compile: the packages it lacks). Findings are printed
/// as "file: error CODE: message"; the exit code is 1 when there is one, 2 for bad arguments.
/// </summary>
internal static class PackagesCommand
{
    public const string Usage =
        "usage: Uitpas.Edge.Tools.NfFacade check-packages --assembly <proof.dll> --packages-config <file> --data <nanoframework-packages.props> --project <.nfproj> [--repo-root <dir>] [--project-reference <.nfproj>]...\n" +
        "       Uitpas.Edge.Tools.NfFacade explain-missing --facades <dir> --packages-config <file> --data <file> --project <.nfproj> [--repo-root <dir>] [--lang-version <v>] --args <file of --source=/--reference= lines>";

    public static int Run(string verb, IReadOnlyList<string> args)
    {
        var options = Parse(args);
        if (options is null || !options.ContainsKey("packages-config") || !options.ContainsKey("data") || !options.ContainsKey("project"))
        {
            Console.Error.WriteLine($"nanoframework-facade: error {PackageErrors.BadInput}: {Usage}");
            return 2;
        }

        var config = options["packages-config"][0];
        try
        {
            var catalog = PackageCatalog.Load(options["data"][0]);
            var listed = PackageCatalog.LoadPackagesConfig(config);
            var root = options.TryGetValue("repo-root", out var roots) ? roots[0] : Directory.GetCurrentDirectory();
            var configName = Relative(root, config);
            var projectName = Relative(root, options["project"][0]);
            var findings = verb == "check-packages"
                ? CheckAssembly(options, catalog, listed, configName, projectName)
                : ExplainMissing(options, catalog, listed, configName, projectName);
            if (findings is null)
            {
                Console.Error.WriteLine($"nanoframework-facade: error {PackageErrors.BadInput}: {Usage}");
                return 2;
            }

            foreach (var finding in findings)
            {
                Console.WriteLine($"{config}: error {finding.Code}: {finding.Message}");
            }

            return findings.Count == 0 ? 0 : 1;
        }
        catch (PackageDataException e)
        {
            Console.WriteLine($"{e.Path}: error {PackageErrors.BadInput}: {e.Message}");
            return 1;
        }
    }

    private static IReadOnlyList<PackageFinding>? CheckAssembly(
        Dictionary<string, List<string>> options, PackageCatalog catalog, IReadOnlyList<ListedPackage> listed, string configName, string projectName)
    {
        if (!options.TryGetValue("assembly", out var assembly))
        {
            return null;
        }

        var projects = options.GetValueOrDefault("project-reference", []).Select(AssemblyNameOf);
        return PackageUsageCheck.Check(catalog, listed, AssemblyReferences.Read(assembly[0]), projects, configName, projectName);
    }

    private static IReadOnlyList<PackageFinding>? ExplainMissing(
        Dictionary<string, List<string>> options, PackageCatalog catalog, IReadOnlyList<ListedPackage> listed, string configName, string projectName)
    {
        if (!options.TryGetValue("facades", out var facades) || !options.TryGetValue("args", out var argsFile))
        {
            return null;
        }

        var lines = ReadLines(argsFile[0]);
        var sources = Values(lines, "--source=");
        var references = Values(lines, "--reference=");
        var used = MissingPackageExplainer.UsedAssemblies(sources, references, facades[0], options.GetValueOrDefault("lang-version", ["12"])[0]);
        if (used is null)
        {
            return [];
        }

        // Referenced proofs are not facades of the surface: everything not owned by a package is a project.
        var projects = used.Where(a => catalog.OwnerOf(a) is null && !File.Exists(Path.Combine(facades[0], a + ".dll")));
        return PackageUsageCheck.Check(catalog, listed, used, projects, configName, projectName)
            .Where(f => f.Code == PackageErrors.Missing)
            .ToList();
    }

    private static List<string> Values(IReadOnlyList<string> lines, string prefix) =>
        lines.Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).Select(l => l[prefix.Length..].Trim()).ToList();

    private static IReadOnlyList<string> ReadLines(string path)
    {
        try
        {
            return File.ReadAllLines(path);
        }
        catch (IOException e)
        {
            throw new PackageDataException(path, e.Message);
        }
    }

    private static string AssemblyNameOf(string nfproj)
    {
        try
        {
            return XDocument.Load(nfproj).Descendants().FirstOrDefault(e => e.Name.LocalName == "AssemblyName")?.Value.Trim()
                ?? Path.GetFileNameWithoutExtension(nfproj);
        }
        catch (Exception e) when (e is IOException or System.Xml.XmlException or UnauthorizedAccessException)
        {
            throw new PackageDataException(nfproj, e.Message);
        }
    }

    /// <summary>Repository-relative with '/', or the full path of a file outside the repository.</summary>
    private static string Relative(string root, string path)
    {
        var relative = Path.GetRelativePath(root, Path.GetFullPath(path));
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative)
            ? Path.GetFullPath(path)
            : relative.Replace('\\', '/');
    }

    private static Dictionary<string, List<string>>? Parse(IReadOnlyList<string> args)
    {
        var options = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                return null;
            }

            var name = args[i][2..];
            if (!options.TryGetValue(name, out var values))
            {
                options[name] = values = [];
            }

            values.Add(args[++i]);
        }

        return options;
    }
}
