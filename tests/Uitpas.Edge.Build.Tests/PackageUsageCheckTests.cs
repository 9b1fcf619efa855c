using Uitpas.Edge.Tools.NfFacade.Packages;
using Xunit;

namespace Uitpas.Edge.Build.Tests;

/// <summary>
/// The check after each proof compiled: a project's packages.config against the assembly references of its
/// proof assembly and the stable line (a small line here: core library, events, GPIO, SPI, math).
/// </summary>
public sealed class PackageUsageCheckTests
{
    private const string Config = "firmware/image/packages.config";
    private const string Project = "firmware/image/Uitpas.Edge.Firmware.nfproj";

    private static readonly PackageCatalog Line = new(
    [
        new PinnedPackage("nanoFramework.CoreLibrary", "1.17.11", ["mscorlib"], []),
        new PinnedPackage("nanoFramework.Runtime.Events", "1.11.32", ["nanoFramework.Runtime.Events"], ["nanoFramework.CoreLibrary"]),
        new PinnedPackage("nanoFramework.System.Device.Gpio", "1.1.57", ["System.Device.Gpio"], ["nanoFramework.CoreLibrary", "nanoFramework.Runtime.Events"]),
        new PinnedPackage("nanoFramework.System.Device.Spi", "1.3.82", ["System.Device.Spi"], ["nanoFramework.CoreLibrary", "nanoFramework.Runtime.Events", "nanoFramework.System.Device.Gpio"]),
        new PinnedPackage("nanoFramework.System.Math", "1.5.116", ["System.Math"], ["nanoFramework.CoreLibrary"]),
    ]);

    [Fact]
    public void Packages_used_directly_or_as_dependencies_pass()
    {
        var findings = Check(["CoreLibrary 1.17.11", "Runtime.Events 1.11.32", "System.Device.Gpio 1.1.57", "System.Device.Spi 1.3.82"], "mscorlib", "System.Device.Spi", "Uitpas.Edge.Core");

        Assert.Empty(findings);
    }

    [Fact]
    public void Unused_package_fails_with_its_name_and_the_packages_config()
    {
        var findings = Check(["CoreLibrary 1.17.11", "System.Math 1.5.116"], "mscorlib");

        var finding = Assert.Single(findings);
        Assert.Equal(PackageErrors.Unused, finding.Code);
        Assert.StartsWith("package nanoFramework.System.Math is listed in firmware/image/packages.config but nothing uses it", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Used_assembly_of_an_unlisted_package_fails_naming_the_package_and_its_dependencies()
    {
        var findings = Check(["CoreLibrary 1.17.11"], "mscorlib", "System.Device.Gpio");

        var finding = Assert.Single(findings);
        Assert.Equal(PackageErrors.Missing, finding.Code);
        Assert.Contains("use System.Device.Gpio (package nanoFramework.System.Device.Gpio 1.1.57), which firmware/image/packages.config does not list", finding.Message, StringComparison.Ordinal);
        Assert.Contains("its dependencies (nanoFramework.CoreLibrary, nanoFramework.Runtime.Events)", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_off_the_stable_line_fails()
    {
        var findings = Check(["CoreLibrary 1.17.11", "System.Math 1.5.90"], "mscorlib", "System.Math");

        var finding = Assert.Single(findings);
        Assert.Equal(PackageErrors.OffTheLine, finding.Code);
        Assert.Contains("lists nanoFramework.System.Math 1.5.90, but the firmware's stable line (build/nanoframework-packages.props) is 1.5.116", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Package_outside_the_stable_line_fails()
    {
        var findings = Check(["CoreLibrary 1.17.11", "Json 2.2.0"], "mscorlib");

        Assert.Equal(PackageErrors.Unknown, Assert.Single(findings).Code);
    }

    [Fact]
    public void Dependency_missing_from_packages_config_fails()
    {
        var findings = Check(["CoreLibrary 1.17.11", "System.Device.Gpio 1.1.57"], "mscorlib", "System.Device.Gpio");

        var finding = Assert.Single(findings);
        Assert.Equal(PackageErrors.DependencyNotListed, finding.Code);
        Assert.Contains("does not list nanoFramework.Runtime.Events, a NuGet dependency of nanoFramework.System.Device.Gpio", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Assembly_of_a_referenced_project_is_not_a_package()
    {
        var findings = Check(["CoreLibrary 1.17.11"], "mscorlib", "Uitpas.Edge.Core", "Uitpas.Edge.Protocol");

        Assert.Empty(findings);
    }

    /// <param name="listed">"Short.Id version", the id without "nanoFramework.".</param>
    private static IReadOnlyList<PackageFinding> Check(string[] listed, params string[] used) =>
        PackageUsageCheck.Check(
            Line,
            listed.Select(l => l.Split(' ')).Select(p => new ListedPackage("nanoFramework." + p[0], p[1])).ToList(),
            used,
            ["Uitpas.Edge.Core", "Uitpas.Edge.Protocol"],
            Config,
            Project);
}
