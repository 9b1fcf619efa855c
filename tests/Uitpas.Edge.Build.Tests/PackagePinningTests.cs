using System.Text.RegularExpressions;
using Uitpas.Edge.Build.Tests.Infrastructure;
using Uitpas.Edge.Tools.NfFacade.Surface;
using Xunit;

namespace Uitpas.Edge.Build.Tests;

/// <summary>
/// One stable line of nanoFramework packages: build/nanoframework-packages.props is the one place for a
/// version; every packages.config and every .nfproj &lt;Reference&gt; agrees with it.
/// </summary>
public sealed partial class PackagePinningTests
{
    public static TheoryData<string> Nfprojs => [.. FirmwareProjects.All];

    [Fact]
    public void Every_nanoFramework_project_of_the_firmware_is_found()
    {
        Assert.Equal(
            ["firmware/core/Uitpas.Edge.Core.nfproj", "firmware/device-tests/Uitpas.Edge.DeviceTests.nfproj", "firmware/image/Uitpas.Edge.Firmware.nfproj", "protocol/Uitpas.Edge.Protocol.nfproj"],
            FirmwareProjects.All);
    }

    [Fact]
    public void Every_package_has_one_version_across_all_packages_configs()
    {
        var versions = FirmwareProjects.All
            .SelectMany(p => FirmwareProjects.PackagesOf(p).Select(package => (Project: p, package.Id, package.Version)))
            .GroupBy(p => p.Id, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Select(p => p.Version).Distinct(StringComparer.OrdinalIgnoreCase).Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(p => $"{p.Version} in {p.Project}"))}")
            .ToList();

        Assert.True(versions.Count == 0, "packages with more than one version:\n" + string.Join("\n", versions));
    }

    [Theory]
    [MemberData(nameof(Nfprojs))]
    public void Every_listed_package_is_of_the_stable_line(string nfproj)
    {
        var offLine = FirmwareProjects.PackagesOf(nfproj)
            .Where(p => FirmwareProjects.Catalog.Find(p.Id)?.Version != p.Version)
            .Select(p => $"{p.Id} {p.Version} (stable line: {FirmwareProjects.Catalog.Find(p.Id)?.Version ?? "not pinned"})")
            .ToList();

        Assert.True(offLine.Count == 0, $"{nfproj}: " + string.Join("; ", offLine));
    }

    [Theory]
    [MemberData(nameof(Nfprojs))]
    public void Nfproj_references_exactly_the_assemblies_of_its_packages(string nfproj)
    {
        var expected = FirmwareProjects.PackagesOf(nfproj)
            .SelectMany(p => FirmwareProjects.Catalog.Find(p.Id)!.Assemblies.Select(a => $"{a} <- {p.Id}.{p.Version}"))
            .Order(StringComparer.Ordinal);
        var referenced = FirmwareProjects.ReferencesOf(nfproj)
            .Select(r => HintPath().Match(r.HintPath) is { Success: true } m
                ? $"{r.Assembly} <- {m.Groups["package"].Value}" + (m.Groups["file"].Value == r.Assembly ? string.Empty : $" (file {m.Groups["file"].Value})")
                : $"{r.Assembly} <- unexpected HintPath '{r.HintPath}'")
            .Order(StringComparer.Ordinal);

        Assert.Equal(expected, referenced);
    }

    [Theory]
    [MemberData(nameof(Nfprojs))]
    public void Nfproj_references_no_package_it_does_not_list(string nfproj)
    {
        var listed = FirmwareProjects.PackagesOf(nfproj).Select(p => $"{p.Id}.{p.Version}").ToHashSet(StringComparer.OrdinalIgnoreCase);
        var folders = FirmwareProjects.ReferencesOf(nfproj).Select(r => r.HintPath)
            .Concat(FirmwareProjects.ImportsOf(nfproj).Where(i => i.Contains(@"packages\", StringComparison.Ordinal)))
            .Select(path => PackageFolder().Match(path))
            .Where(m => m.Success)
            .Select(m => m.Groups["package"].Value)
            .Where(folder => !listed.Contains(folder))
            .ToList();

        Assert.True(folders.Count == 0, $"{nfproj} uses packages its packages.config does not list: {string.Join(", ", folders)}");
    }

    [Fact]
    public void Device_tests_import_the_build_targets_of_the_pinned_test_framework()
    {
        const string nfproj = "firmware/device-tests/Uitpas.Edge.DeviceTests.nfproj";
        var version = FirmwareProjects.Catalog.Find("nanoFramework.TestFramework")!.Version;

        Assert.Contains(@$"..\..\packages\nanoFramework.TestFramework.{version}\build\nanoFramework.TestFramework.targets", FirmwareProjects.ImportsOf(nfproj));
        Assert.Contains(FirmwareProjects.PackagesOf(nfproj), p => p.Id == "nanoFramework.TestFramework" && p.Version == version);
    }

    [Fact]
    public void Firmware_image_does_not_reference_the_test_framework()
    {
        var text = File.ReadAllText(Repository.File("firmware", "image", "packages.config"));

        Assert.DoesNotContain("TestFramework", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_dependency_of_a_pinned_package_is_pinned()
    {
        var unpinned = FirmwareProjects.Catalog.Packages
            .SelectMany(p => p.Dependencies.Where(d => FirmwareProjects.Catalog.Find(d) is null).Select(d => $"{p.Id} -> {d}"))
            .ToList();

        Assert.True(unpinned.Count == 0, "dependencies outside the stable line: " + string.Join(", ", unpinned));
    }

    [Fact]
    public void Every_pinned_assembly_is_in_the_nanoFramework_surface()
    {
        var surface = SurfaceLinker.Link(SurfaceParser.Parse(Repository.SurfaceFile, File.ReadLines(Repository.SurfaceFile)))
            .Select(a => a.Name)
            .ToHashSet(StringComparer.Ordinal);
        var missing = FirmwareProjects.Catalog.Packages.SelectMany(p => p.Assemblies).Where(a => !surface.Contains(a)).ToList();

        Assert.True(missing.Count == 0, "assemblies without a facade: " + string.Join(", ", missing));
    }

    [Fact]
    public void Package_dependencies_cover_what_the_facades_reference()
    {
        // A facade references the assemblies its signatures mention: its package must depend (directly
        // or not) on the packages holding them, or a project compiling against it would miss them.
        // mscorlib excepted: nanoFramework.TestFramework declares no dependencies (a development
        // dependency), and every project lists the core library itself (the test below).
        var assemblies = SurfaceLinker.Link(SurfaceParser.Parse(Repository.SurfaceFile, File.ReadLines(Repository.SurfaceFile)))
            .ToDictionary(a => a.Name, StringComparer.Ordinal);
        var gaps = new List<string>();
        foreach (var package in FirmwareProjects.Catalog.Packages)
        {
            var closure = FirmwareProjects.Catalog.DependencyClosure([package.Id]).Append(package.Id)
                .SelectMany(id => FirmwareProjects.Catalog.Find(id)?.Assemblies ?? [])
                .Append("mscorlib")
                .ToHashSet(StringComparer.Ordinal);
            gaps.AddRange(package.Assemblies
                .SelectMany(a => assemblies[a].References.Where(r => !closure.Contains(r)).Select(r => $"{package.Id}: {a} references {r}")));
        }

        Assert.True(gaps.Count == 0, "package dependencies missing in build/nanoframework-packages.props:\n" + string.Join("\n", gaps));
    }

    [Theory]
    [MemberData(nameof(Nfprojs))]
    public void Every_project_lists_the_core_library(string nfproj)
    {
        Assert.Contains(FirmwareProjects.PackagesOf(nfproj), p => p.Id == "nanoFramework.CoreLibrary");
    }

    /// <summary>..\..\packages\&lt;id&gt;.&lt;version&gt;\lib\&lt;assembly&gt;.dll|exe</summary>
    [GeneratedRegex(@"^(\.\.\\)+packages\\(?<package>[^\\]+)\\lib\\(?<file>[^\\]+)\.(dll|exe)$")]
    private static partial Regex HintPath();

    [GeneratedRegex(@"packages\\(?<package>[^\\]+)\\")]
    private static partial Regex PackageFolder();
}
