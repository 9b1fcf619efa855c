namespace Uitpas.Edge.Cli.Flashing;

/// <summary>
/// The nanoFramework deployment image: every <c>.pe</c> assembly of the built firmware image,
/// each padded with zeros to a multiple of 4 bytes, one after the other (what Visual Studio's
/// nanoFramework extension writes as the project's .bin and nanoff's <c>--deploy --image</c>
/// takes; the nanoFrameworkDeployer tool's CreateBinDeploymentBlob does the same).
/// </summary>
public static class DeploymentImage
{
    /// <summary>The .pe files of <paramref name="directory"/> in the order they go into the image (by name, ordinal).</summary>
    public static IReadOnlyList<string> Assemblies(string directory) =>
        Directory.Exists(directory)
            ? Directory.GetFiles(directory, "*.pe").Order(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>The image bytes.</summary>
    public static byte[] Build(IReadOnlyList<string> assemblies)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        using var image = new MemoryStream();
        foreach (var assembly in assemblies)
        {
            var bytes = File.ReadAllBytes(assembly);
            image.Write(bytes);
            image.Write(new byte[(4 - bytes.Length % 4) % 4]);
        }
        return image.ToArray();
    }
}
