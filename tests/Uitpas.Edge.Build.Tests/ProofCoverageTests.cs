using System.Text.Json;
using Uitpas.Edge.Build.Tests.Infrastructure;
using Uitpas.Edge.Tools.NfFacade.Surface;
using Xunit;

namespace Uitpas.Edge.Build.Tests;

/// <summary>
/// The subset proof covers every firmware source: each .nfproj has its proof project, and the proofs
/// together compile every .cs of protocol/, firmware/core/, firmware/image/ and firmware/device-tests/.
/// </summary>
public sealed class ProofCoverageTests
{
    [Fact]
    public void Every_nfproj_has_a_proof_project_naming_it()
    {
        var missing = FirmwareProjects.All
            .Where(nfproj => !File.Exists(FirmwareProjects.ProofOf(nfproj))
                || !File.ReadAllText(FirmwareProjects.ProofOf(nfproj)).Contains($"$(RepoRoot){nfproj}", StringComparison.Ordinal))
            .ToList();

        Assert.True(missing.Count == 0, "without a proof: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_firmware_source_is_compiled_by_a_proof()
    {
        var compiled = new HashSet<string>(StringComparer.Ordinal);
        foreach (var nfproj in FirmwareProjects.All)
        {
            var result = Dotnet.Run("msbuild", FirmwareProjects.ProofOf(nfproj), "-t:ReadNanoFrameworkProject", "-getItem:Compile", "-nologo", "-nodeReuse:false");
            Assert.True(result.ExitCode == 0, result.ToString());
            compiled.UnionWith(Items(result.Output, "Compile").Select(Relative));
        }

        var sources = FirmwareProjects.SourceFolders
            .SelectMany(folder => Directory.EnumerateFiles(Repository.File(folder), "*.cs", SearchOption.AllDirectories))
            .Select(Relative)
            .Where(path => !FirmwareProjects.IsBuildOutput(path))
            .ToList();
        var notProven = sources.Where(s => !compiled.Contains(s)).ToList();

        Assert.NotEmpty(sources);
        Assert.True(notProven.Count == 0, "sources no proof compiles:\n" + string.Join("\n", notProven));
    }

    [Fact]
    public void Files_left_out_of_the_proof_name_a_library_the_surface_lacks()
    {
        var result = Dotnet.Run("msbuild", Repository.SubsetProofProject, "-getItem:SubsetProofExclude", "-nologo", "-nodeReuse:false");
        Assert.True(result.ExitCode == 0, result.ToString());
        var surface = SurfaceLinker.Link(SurfaceParser.Parse(Repository.SurfaceFile, File.ReadLines(Repository.SurfaceFile)))
            .Select(a => a.Name)
            .ToHashSet(StringComparer.Ordinal);

        var unjustified = JsonDocument.Parse(result.Output).RootElement.GetProperty("Items").GetProperty("SubsetProofExclude").EnumerateArray()
            .Where(item => !item.TryGetProperty("Library", out var library) || library.GetString() is not { Length: > 0 } name || surface.Contains(name))
            .Select(item => item.GetProperty("Identity").GetString())
            .ToList();

        Assert.True(unjustified.Count == 0, "left out without a device-only library: " + string.Join(", ", unjustified));
    }

    private static IEnumerable<string> Items(string msbuildJson, string itemType) =>
        JsonDocument.Parse(msbuildJson).RootElement.GetProperty("Items").GetProperty(itemType).EnumerateArray()
            .Select(item => item.GetProperty("FullPath").GetString()!);

    private static string Relative(string path) => Path.GetRelativePath(Repository.Root, path).Replace('\\', '/');
}
