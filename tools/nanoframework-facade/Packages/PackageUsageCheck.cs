namespace Uitpas.Edge.Tools.NfFacade.Packages;

/// <summary>
/// Compares a project's packages.config with what its proof assembly references: every listed package
/// must be of the stable line (id and version), used directly, or a NuGet dependency of a used one; every
/// used assembly must come from a listed package or a referenced project; the listed packages' NuGet
/// dependencies must be listed too (a packages.config holds the whole closure).
/// </summary>
internal static class PackageUsageCheck
{
    /// <param name="catalog">The stable line.</param>
    /// <param name="listed">The project's packages.config.</param>
    /// <param name="usedAssemblies">The assembly references of the proof assembly.</param>
    /// <param name="projectAssemblies">Assemblies of the projects the project references (not packages).</param>
    /// <param name="configName">The packages.config as named in messages (repository-relative).</param>
    /// <param name="projectName">The .nfproj as named in messages.</param>
    public static IReadOnlyList<PackageFinding> Check(
        PackageCatalog catalog,
        IReadOnlyList<ListedPackage> listed,
        IEnumerable<string> usedAssemblies,
        IEnumerable<string> projectAssemblies,
        string configName,
        string projectName)
    {
        var findings = new List<PackageFinding>();
        var listedIds = new HashSet<string>(listed.Select(p => p.Id), StringComparer.OrdinalIgnoreCase);
        foreach (var package in listed)
        {
            var pinned = catalog.Find(package.Id);
            if (pinned is null)
            {
                findings.Add(new(PackageErrors.Unknown,
                    $"{package.Id} is not a package of the firmware's stable line: add its version, assemblies and NuGet dependencies to build/nanoframework-packages.props"));
            }
            else if (!string.Equals(pinned.Version, package.Version, StringComparison.OrdinalIgnoreCase))
            {
                findings.Add(new(PackageErrors.OffTheLine,
                    $"{configName} lists {package.Id} {package.Version}, but the firmware's stable line (build/nanoframework-packages.props) is {pinned.Version}"));
            }
        }

        var projects = new HashSet<string>(projectAssemblies, StringComparer.Ordinal);
        var usedIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var assembly in usedAssemblies.Where(a => !projects.Contains(a)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var owner = catalog.OwnerOf(assembly);
            if (owner is null)
            {
                findings.Add(new(PackageErrors.Missing,
                    $"the sources of {projectName} use the assembly {assembly}, which no package of the stable line provides"));
                continue;
            }

            usedIds.Add(owner.Id);
            if (!listedIds.Contains(owner.Id))
            {
                findings.Add(new(PackageErrors.Missing,
                    $"the sources of {projectName} use {assembly} (package {owner.Id} {owner.Version}), which {configName} does not list: add the package, its dependencies ({Describe(catalog.DependencyClosure([owner.Id]))}) and a <Reference> per assembly to the project"));
            }
        }

        var needed = catalog.DependencyClosure(usedIds);
        foreach (var package in listed.Where(p => catalog.Find(p.Id) is not null && !usedIds.Contains(p.Id) && !needed.Contains(p.Id)))
        {
            findings.Add(new(PackageErrors.Unused,
                $"package {package.Id} is listed in {configName} but nothing uses it: neither the sources of {projectName} nor a NuGet dependency of a package they use; remove it there and its <Reference> from the project"));
        }

        foreach (var dependency in catalog.DependencyClosure(listedIds).Where(d => !listedIds.Contains(d)).Order(StringComparer.Ordinal))
        {
            var needers = listed.Where(p => catalog.DependencyClosure([p.Id]).Contains(dependency)).Select(p => p.Id);
            findings.Add(new(PackageErrors.DependencyNotListed,
                $"{configName} does not list {dependency}, a NuGet dependency of {string.Join(", ", needers)}: a packages.config lists the whole closure"));
        }

        return findings;
    }

    private static string Describe(IReadOnlySet<string> ids) =>
        ids.Count == 0 ? "none" : string.Join(", ", ids.Order(StringComparer.Ordinal));
}
