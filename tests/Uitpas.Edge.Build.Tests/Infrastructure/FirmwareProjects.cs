using System.Xml.Linq;
using Uitpas.Edge.Tools.NfFacade.Packages;

namespace Uitpas.Edge.Build.Tests.Infrastructure;

/// <summary>One package reference of an .nfproj: the assembly it names and the package folder of its HintPath.</summary>
public sealed record NfprojReference(string Assembly, string HintPath);

/// <summary>The nanoFramework projects of the checkout, their packages.config and their package references.</summary>
internal static class FirmwareProjects
{
    /// <summary>The folders whose sources run on the device.</summary>
    public static readonly string[] SourceFolders = ["protocol", "firmware/core", "firmware/image", "firmware/device-tests"];

    /// <summary>Every *.nfproj of the checkout (not under bin/, obj/ or .git/), repository-relative with '/'.</summary>
    public static IReadOnlyList<string> All { get; } = Directory
        .EnumerateFiles(Repository.Root, "*.nfproj", SearchOption.AllDirectories)
        .Select(path => Path.GetRelativePath(Repository.Root, path).Replace('\\', '/'))
        .Where(path => !IsBuildOutput(path))
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>The stable line (build/nanoframework-packages.props).</summary>
    public static PackageCatalog Catalog { get; } = PackageCatalog.Load(Repository.File("build", "nanoframework-packages.props"));

    public static string PackagesConfigOf(string nfproj) => Path.Combine(Path.GetDirectoryName(Repository.File(nfproj))!, "packages.config");

    public static IReadOnlyList<ListedPackage> PackagesOf(string nfproj) => PackageCatalog.LoadPackagesConfig(PackagesConfigOf(nfproj));

    /// <summary>The &lt;Reference&gt; items of an .nfproj that have a HintPath (package references).</summary>
    public static IReadOnlyList<NfprojReference> ReferencesOf(string nfproj) =>
        XDocument.Load(Repository.File(nfproj)).Descendants()
            .Where(e => e.Name.LocalName == "Reference")
            .Select(e => new NfprojReference(
                ((string)e.Attribute("Include")!).Split(',')[0].Trim(),
                e.Elements().FirstOrDefault(h => h.Name.LocalName == "HintPath")?.Value.Trim() ?? string.Empty))
            .ToList();

    /// <summary>The value of an element of an .nfproj (first one), e.g. AssemblyName.</summary>
    public static string? PropertyOf(string nfproj, string name) =>
        XDocument.Load(Repository.File(nfproj)).Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Value.Trim();

    /// <summary>The Import elements of an .nfproj.</summary>
    public static IReadOnlyList<string> ImportsOf(string nfproj) =>
        XDocument.Load(Repository.File(nfproj)).Descendants()
            .Where(e => e.Name.LocalName == "Import")
            .Select(e => (string)e.Attribute("Project")!)
            .ToList();

    /// <summary>The proof project of an .nfproj: firmware/subset-proof/&lt;Name&gt;/&lt;Name&gt;.Proof.csproj.</summary>
    public static string ProofOf(string nfproj)
    {
        var name = Path.GetFileNameWithoutExtension(nfproj);
        return Repository.File("firmware", "subset-proof", name, name + ".Proof.csproj");
    }

    public static bool IsBuildOutput(string relativePath) =>
        relativePath.Split('/', '\\').Any(segment => segment is "bin" or "obj" or ".git");
}
