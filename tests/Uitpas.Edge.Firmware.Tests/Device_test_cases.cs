#nullable enable
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace Uitpas.Edge.Firmware.Tests;

/// <summary>
/// Runs every case of firmware/device-tests on the host. On the device the same files run under
/// nanoFramework.TestFramework (firmware/device-tests/README.md).
/// </summary>
public sealed class Device_test_cases(ITestOutputHelper output)
{
    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var c in DeviceCase.All)
        {
            data.Add(c.Name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Case_passes_on_the_host(string name)
    {
        // A case that skips itself (Assert.SkipTest) fails here: every shared case must run on
        // the host, cases that need the board's hardware belong to the device alone.
        DeviceCase.All.Single(c => c.Name == name).Run(output.WriteLine);
    }
}
