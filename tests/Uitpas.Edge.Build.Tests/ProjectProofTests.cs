using Uitpas.Edge.Build.Tests.Infrastructure;
using Xunit;

namespace Uitpas.Edge.Build.Tests;

/// <summary>
/// A nanoFramework project proven on its own: its sources compile against the facades of exactly the
/// packages of its packages.config, and the packages it lists are the ones it uses. Each case writes a
/// small .nfproj (importing the repository's nfproj.props) and proves it with a proof project of the repository.
/// </summary>
[Collection(SubsetProofCollection.Name)]
public sealed class ProjectProofTests(SubsetProofBuild proof)
{
    private const string UsesGpio = """
        using System.Device.Gpio;
        namespace Probe
        {
            public sealed class Led
            {
                private readonly GpioController _gpio = new GpioController();
                public void On(int pin) { _gpio.OpenPin(pin, PinMode.Output); _gpio.Write(pin, PinValue.High); }
            }
        }
        """;

    private const string UsesNothing = """
        namespace Probe
        {
            public sealed class Counter { public int Count { get; private set; } public void Add() { Count++; } }
        }
        """;

    [Fact]
    public void Project_using_exactly_its_packages_builds()
    {
        var nfproj = WriteProject(UsesGpio, "nanoFramework.CoreLibrary", "nanoFramework.Runtime.Events", "nanoFramework.System.Device.Gpio");

        var result = proof.Prove(nfproj);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public void Source_using_a_package_the_project_does_not_list_fails_naming_the_package()
    {
        var nfproj = WriteProject(UsesGpio, "nanoFramework.CoreLibrary");

        var result = proof.Prove(nfproj);

        Assert.True(result.ExitCode != 0, $"the build should have failed: {result}");
        Assert.Contains("Led.cs(1,14): error CS0234", result.Output, StringComparison.Ordinal);
        Assert.Contains(
            $"error NFP003: the sources of {nfproj} use System.Device.Gpio (package nanoFramework.System.Device.Gpio 1.1.57), which {ConfigOf(nfproj)} does not list",
            result.Output,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Package_nothing_uses_fails_the_build_naming_it()
    {
        var nfproj = WriteProject(UsesNothing, "nanoFramework.CoreLibrary", "nanoFramework.System.Math");

        var result = proof.Prove(nfproj);

        Assert.True(result.ExitCode != 0, $"the build should have failed: {result}");
        Assert.Contains($"error NFP004: package nanoFramework.System.Math is listed in {ConfigOf(nfproj)} but nothing uses it", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Package_version_off_the_stable_line_fails_the_build()
    {
        var nfproj = WriteProject(UsesNothing, "nanoFramework.CoreLibrary 1.17.7");

        var result = proof.Prove(nfproj);

        Assert.True(result.ExitCode != 0, $"the build should have failed: {result}");
        Assert.Contains($"error NFP002: {ConfigOf(nfproj)} lists nanoFramework.CoreLibrary 1.17.7, but the firmware's stable line", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Package_outside_the_stable_line_fails_before_compiling()
    {
        var nfproj = WriteProject(UsesNothing, "nanoFramework.CoreLibrary", "nanoFramework.Logging 1.1.0");

        var result = proof.Prove(nfproj);

        Assert.True(result.ExitCode != 0, $"the build should have failed: {result}");
        Assert.Contains("error NFP001: nanoFramework.Logging is not a package of the firmware's stable line", result.Output, StringComparison.Ordinal);
    }

    private static string ConfigOf(string nfproj) => Path.Combine(Path.GetDirectoryName(nfproj)!, "packages.config");

    /// <param name="source">Led.cs.</param>
    /// <param name="packages">"id" (the stable line's version) or "id version".</param>
    private string WriteProject(string source, params string[] packages)
    {
        var directory = proof.NewDirectory("project");
        File.WriteAllText(Path.Combine(directory, "Led.cs"), source);
        var lines = packages.Select(p => p.Split(' ')).Select(p =>
            $"""  <package id="{p[0]}" version="{(p.Length > 1 ? p[1] : FirmwareProjects.Catalog.Find(p[0])!.Version)}" targetFramework="netnano1.0" />""");
        File.WriteAllText(Path.Combine(directory, "packages.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <packages>
            {string.Join("\n", lines)}
            </packages>
            """);
        var nfproj = Path.Combine(directory, "Probe.nfproj");
        File.WriteAllText(nfproj, $"""
            <Project ToolsVersion="Current" xmlns="http://schemas.microsoft.com/developer/msbuild/2003">
              <PropertyGroup>
                <AssemblyName>Probe</AssemblyName>
              </PropertyGroup>
              <Import Project="{Repository.File("nfproj.props")}" />
              <ItemGroup>
                <Compile Include="**\*.cs" Exclude="bin\**;obj\**" />
              </ItemGroup>
            </Project>
            """);
        return nfproj;
    }
}
