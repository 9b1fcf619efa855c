using Uitpas.Edge.Build.Tests.Infrastructure;
using Xunit;

namespace Uitpas.Edge.Build.Tests;

/// <summary>Without the nanoFramework toolchain the .nfproj projects are skipped with one clear message.</summary>
public sealed class NfprojFallbackTests
{
    private const string SkipMessage =
        "Uitpas.Edge.Firmware.nfproj: skipped — nanoFramework toolchain not found (install the nanoFramework VS extension / MSBuild components to build the firmware image; see docs/firmware.md)";

    [Fact]
    public void Nfproj_build_without_toolchain_is_skipped_with_a_message()
    {
        var result = Dotnet.Run("build", Repository.FirmwareNfproj, "-nologo", "-tl:off", "-nodeReuse:false");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(SkipMessage, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Nfproj_answers_every_target_the_dotnet_cli_calls()
    {
        var targets = "Restore;_IsProjectRestoreSupported;Build;Rebuild;Clean;VSTest;Test;Publish;Pack;GetTargetPath;GetTargetFrameworks;GetTargetFrameworksWithPlatformForSingleTargetFramework;GetCopyToOutputDirectoryItems";

        var result = Dotnet.Run("msbuild", Repository.FirmwareNfproj, $"-t:{targets}", "-nologo", "-tl:off", "-nodeReuse:false");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(SkipMessage, result.Output, StringComparison.Ordinal);
    }
}
