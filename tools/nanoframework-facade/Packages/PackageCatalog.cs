using System.Xml;
using System.Xml.Linq;

namespace Uitpas.Edge.Tools.NfFacade.Packages;

/// <summary>One package of the firmware's stable line (build/nanoframework-packages.props).</summary>
internal sealed record PinnedPackage(string Id, string Version, IReadOnlyList<string> Assemblies, IReadOnlyList<string> Dependencies);

/// <summary>One line of a packages.config.</summary>
internal sealed record ListedPackage(string Id, string Version);

/// <summary>Bad or unreadable input (the data file or a packages.config); reported as NFP006.</summary>
internal sealed class PackageDataException(string path, string message) : Exception(message)
{
    public string Path { get; } = path;
}

/// <summary>The stable line: package id → version, assemblies and NuGet dependencies (ids).</summary>
internal sealed class PackageCatalog
{
    private readonly Dictionary<string, PinnedPackage> _byId;
    private readonly Dictionary<string, PinnedPackage> _byAssembly;

    public PackageCatalog(IEnumerable<PinnedPackage> packages)
    {
        _byId = new(StringComparer.OrdinalIgnoreCase);
        _byAssembly = new(StringComparer.Ordinal);
        foreach (var package in packages)
        {
            _byId[package.Id] = package;
            foreach (var assembly in package.Assemblies)
            {
                _byAssembly[assembly] = package;
            }
        }
    }

    public IEnumerable<PinnedPackage> Packages => _byId.Values;

    public PinnedPackage? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>The package whose lib/ holds <paramref name="assembly"/>, if any of the stable line does.</summary>
    public PinnedPackage? OwnerOf(string assembly) => _byAssembly.GetValueOrDefault(assembly);

    /// <summary>Every package <paramref name="ids"/> depend on, directly or not (not the packages themselves, unless in a cycle).</summary>
    public IReadOnlySet<string> DependencyClosure(IEnumerable<string> ids)
    {
        var closure = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Stack<string>(ids.SelectMany(id => Find(id)?.Dependencies ?? []));
        while (pending.TryPop(out var next))
        {
            if (closure.Add(next))
            {
                foreach (var dependency in Find(next)?.Dependencies ?? [])
                {
                    pending.Push(dependency);
                }
            }
        }

        return closure;
    }

    /// <summary>Reads the NanoFrameworkPackage items of the MSBuild data file.</summary>
    public static PackageCatalog Load(string path)
    {
        var document = LoadXml(path);
        var packages = new List<PinnedPackage>();
        foreach (var item in document.Descendants().Where(e => e.Name.LocalName == "NanoFrameworkPackage"))
        {
            var id = Required(path, item, "Include");
            packages.Add(new PinnedPackage(
                id,
                Required(path, item, "Version"),
                SplitList((string?)item.Attribute("Assemblies")),
                SplitList((string?)item.Attribute("Dependencies"))));
        }

        return new PackageCatalog(packages);
    }

    /// <summary>Reads the package lines of a packages.config.</summary>
    public static IReadOnlyList<ListedPackage> LoadPackagesConfig(string path) =>
        LoadXml(path).Descendants("package")
            .Select(p => new ListedPackage(Required(path, p, "id"), Required(path, p, "version")))
            .ToList();

    private static IReadOnlyList<string> SplitList(string? value) =>
        (value ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Required(string path, XElement element, string attribute) =>
        (string?)element.Attribute(attribute) is { Length: > 0 } value
            ? value
            : throw new PackageDataException(path, $"a <{element.Name.LocalName}> element has no {attribute} attribute");

    private static XDocument LoadXml(string path)
    {
        try
        {
            return XDocument.Load(path);
        }
        catch (XmlException e)
        {
            throw new PackageDataException(path, $"not well-formed XML: {e.Message}");
        }
        catch (IOException e)
        {
            throw new PackageDataException(path, e.Message);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new PackageDataException(path, e.Message);
        }
    }
}
