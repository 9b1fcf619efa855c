using System.Xml.Linq;
using Uitpas.Edge.Build.Tests.Infrastructure;
using Xunit;

namespace Uitpas.Edge.Build.Tests;

/// <summary>The subset proof compiles against exactly the libraries the firmware image references.</summary>
public sealed class FirmwarePackagesTests
{
    /// <summary>Package id → assemblies, as in the table of shared/nanoframework/README.md.</summary>
    private static readonly Dictionary<string, string[]> AssembliesOfPackage = new(StringComparer.Ordinal)
    {
        ["nanoFramework.CoreLibrary"] = ["mscorlib"],
        ["nanoFramework.System.Device.Spi"] = ["System.Device.Spi"],
        ["nanoFramework.System.Device.Gpio"] = ["System.Device.Gpio"],
        ["nanoFramework.System.Device.Wifi"] = ["System.Device.Wifi"],
        ["nanoFramework.System.Device.I2c"] = ["System.Device.I2c"],
        ["nanoFramework.System.Device.Pwm"] = ["System.Device.Pwm"],
        ["nanoFramework.System.Net"] = ["System.Net"],
        ["nanoFramework.System.Net.Http"] = ["System.Net.Http"],
        ["nanoFramework.M2Mqtt"] = ["nanoFramework.M2Mqtt", "nanoFramework.M2Mqtt.Core"],
        ["nanoFramework.System.IO.FileSystem"] = ["System.IO.FileSystem"],
        ["nanoFramework.System.IO.Streams"] = ["System.IO.Streams"],
        ["nanoFramework.System.IO.Ports"] = ["System.IO.Ports"],
        ["nanoFramework.System.Text"] = ["nanoFramework.System.Text"],
        ["nanoFramework.System.Collections"] = ["nanoFramework.System.Collections"],
        ["nanoFramework.System.Threading"] = ["System.Threading"],
        ["nanoFramework.System.Math"] = ["System.Math"],
        ["nanoFramework.Runtime.Events"] = ["nanoFramework.Runtime.Events"],
        ["nanoFramework.Runtime.Native"] = ["nanoFramework.Runtime.Native"],
        ["nanoFramework.System.Security.Cryptography"] = ["nanoFramework.System.Security.Cryptography"],
        ["nanoFramework.Hardware.Esp32"] = ["nanoFramework.Hardware.Esp32"],
        ["nanoFramework.Json"] = ["nanoFramework.Json"],
        ["nanoFramework.TestFramework"] = ["nanoFramework.TestFramework", "nanoFramework.UnitTestLauncher"],
    };

    [Fact]
    public void Subset_proof_references_the_facades_of_the_firmware_image_packages()
    {
        var packages = XDocument.Load(Repository.File("firmware", "image", "packages.config"))
            .Descendants("package")
            .Select(p => (string)p.Attribute("id")!)
            .ToList();
        var unknown = packages.Where(p => !AssembliesOfPackage.ContainsKey(p)).ToList();
        Assert.True(unknown.Count == 0, $"packages without a known assembly: {string.Join(", ", unknown)}");

        var expected = packages.SelectMany(p => AssembliesOfPackage[p]).Order(StringComparer.Ordinal);
        var referenced = XDocument.Load(Repository.SubsetProofProject)
            .Descendants("NanoFrameworkFacadeAssembly")
            .Select(e => (string)e.Attribute("Include")!)
            .Order(StringComparer.Ordinal);

        Assert.Equal(expected, referenced);
    }

    [Fact]
    public void Firmware_image_does_not_reference_the_test_framework()
    {
        var text = File.ReadAllText(Repository.File("firmware", "image", "packages.config"));

        Assert.DoesNotContain("TestFramework", text, StringComparison.Ordinal);
    }
}
