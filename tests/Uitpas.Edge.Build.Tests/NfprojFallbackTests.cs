using Uitpas.Edge.Build.Tests.Infrastructure;
using Xunit;

namespace Uitpas.Edge.Build.Tests;

/// <summary>Without the nanoFramework toolchain the .nfproj projects are skipped with one clear message.</summary>
public sealed class NfprojFallbackTests
{
    public static TheoryData<string> Nfprojs => [.. FirmwareProjects.All];

    [Theory]
    [MemberData(nameof(Nfprojs))]
    public void Nfproj_build_without_toolchain_is_skipped_with_a_message(string nfproj)
    {
        var result = Dotnet.Run("build", Repository.File(nfproj), "-nologo", "-tl:off", "-nodeReuse:false");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(SkipMessage(nfproj), result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Nfproj_answers_every_target_the_dotnet_cli_calls()
    {
        var targets = "Restore;_IsProjectRestoreSupported;Build;Rebuild;Clean;VSTest;Test;Publish;Pack;GetTargetPath;GetTargetFrameworks;GetTargetFrameworksWithPlatformForSingleTargetFramework;GetCopyToOutputDirectoryItems";

        var result = Dotnet.Run("msbuild", Repository.FirmwareNfproj, $"-t:{targets}", "-nologo", "-tl:off", "-nodeReuse:false");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(SkipMessage("firmware/image/Uitpas.Edge.Firmware.nfproj"), result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Device_test_project_is_a_test_project_that_dotnet_test_skips_with_a_message()
    {
        const string nfproj = "firmware/device-tests/Uitpas.Edge.DeviceTests.nfproj";
        Assert.Equal("true", FirmwareProjects.PropertyOf(nfproj, "IsTestProject"));

        var result = Dotnet.Run("test", Repository.File(nfproj), "-nologo", "-tl:off", "-nodeReuse:false");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(SkipMessage(nfproj), result.Output, StringComparison.Ordinal);
    }

    private static string SkipMessage(string nfproj) =>
        $"{Path.GetFileName(nfproj)}: skipped — nanoFramework toolchain not found (install the nanoFramework VS extension / MSBuild components to build the firmware image; see docs/firmware.md)";
}
