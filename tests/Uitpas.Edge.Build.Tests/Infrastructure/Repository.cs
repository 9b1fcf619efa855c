using System.Reflection;

namespace Uitpas.Edge.Build.Tests.Infrastructure;

/// <summary>Paths of the checkout the tests were built from (recorded at build time).</summary>
internal static class Repository
{
    public static string Root { get; } = Metadata("RepoRoot");

    public static string SharedDir { get; } = Metadata("SharedDir");

    public static string Configuration { get; } = Metadata("BuildConfiguration");

    public static string SurfaceFile => Path.Combine(SharedDir, "nanoframework", "api-surface.txt");

    public static string SubsetProofProject => Path.Combine(Root, "firmware", "subset-proof", "Uitpas.Edge.SubsetProof.csproj");

    public static string FirmwareNfproj => Path.Combine(Root, "firmware", "image", "Uitpas.Edge.Firmware.nfproj");

    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string Metadata(string key) =>
        typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"assembly metadata '{key}' is missing");
}
