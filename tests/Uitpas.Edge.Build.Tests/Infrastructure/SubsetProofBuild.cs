using Uitpas.Edge.Tools.NfFacade;

namespace Uitpas.Edge.Build.Tests.Infrastructure;

/// <summary>
/// Builds firmware/subset-proof with one injected source file and nothing else, or proves a project a test
/// wrote, each case in its own output directory. The facades are generated once, in process, and shared by
/// every case of the collection.
/// </summary>
public sealed class SubsetProofBuild : IDisposable
{
    private readonly string _workDirectory = Directory.CreateTempSubdirectory("uitpas-subset-proof-").FullName;
    private readonly string _facadeDirectory;
    private int _caseNumber;

    public SubsetProofBuild()
    {
        _facadeDirectory = Path.Combine(_workDirectory, "facade");
        var assemblies = FacadeGenerator.Generate(Repository.SurfaceFile, File.ReadLines(Repository.SurfaceFile));
        FacadeGenerator.WriteTo(_facadeDirectory, assemblies);

        var restore = Dotnet.Run("restore", Repository.SubsetProofProject, "-nologo", "-tl:off");
        if (restore.ExitCode != 0)
        {
            throw new InvalidOperationException($"restoring the subset proof failed: {restore}");
        }
    }

    /// <summary>Compiles <paramref name="source"/> as the only source of the proof.</summary>
    public DotnetResult Compile(string source)
    {
        var caseDirectory = Path.Combine(_workDirectory, $"case{Interlocked.Increment(ref _caseNumber)}");
        Directory.CreateDirectory(caseDirectory);
        var sourceFile = Path.Combine(caseDirectory, "Injected.cs");
        File.WriteAllText(sourceFile, source);

        return Dotnet.Run(
            "build",
            Repository.SubsetProofProject,
            "--no-restore",
            "--no-dependencies",
            "-c",
            Repository.Configuration,
            "-nologo",
            "-tl:off",
            "-m:1",
            "-nodeReuse:false",
            "-clp:NoSummary",
            "-p:SubsetProofIncludeRepoSources=false",
            $"-p:SubsetProofExtraSource={sourceFile}",
            $"-p:SubsetProofOutputRoot={Path.Combine(caseDirectory, "out")}{Path.DirectorySeparatorChar}",
            $"-p:NanoFrameworkFacadeDir={_facadeDirectory}{Path.DirectorySeparatorChar}");
    }

    /// <summary>
    /// Proves <paramref name="nfproj"/> (a project written by the test) with a proof project of the repository:
    /// its sources against the facades of its packages.config, then the package check.
    /// </summary>
    public DotnetResult Prove(string nfproj)
    {
        var caseDirectory = Path.Combine(_workDirectory, $"case{Interlocked.Increment(ref _caseNumber)}");
        Directory.CreateDirectory(caseDirectory);

        return Dotnet.Run(
            "build",
            Repository.File("firmware", "subset-proof", "Uitpas.Edge.Protocol", "Uitpas.Edge.Protocol.Proof.csproj"),
            "--no-restore",
            "--no-dependencies",
            "-c",
            Repository.Configuration,
            "-nologo",
            "-tl:off",
            "-m:1",
            "-nodeReuse:false",
            "-clp:NoSummary",
            $"-p:NanoFrameworkProject={nfproj}",
            $"-p:SubsetProofOutputRoot={Path.Combine(caseDirectory, "out")}{Path.DirectorySeparatorChar}",
            $"-p:NanoFrameworkFacadeDir={_facadeDirectory}{Path.DirectorySeparatorChar}");
    }

    /// <summary>A scratch directory of this fixture, for a test's own project files.</summary>
    public string NewDirectory(string name)
    {
        var directory = Path.Combine(_workDirectory, $"{name}{Interlocked.Increment(ref _caseNumber)}");
        Directory.CreateDirectory(directory);
        return directory;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_workDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A compiler server may still hold a file for a moment; the temp directory is cleaned by the OS.
        }
    }
}

/// <summary>The proof builds share one fixture and run one after another.</summary>
[Xunit.CollectionDefinition(Name)]
public sealed class SubsetProofCollection : Xunit.ICollectionFixture<SubsetProofBuild>
{
    public const string Name = "subset proof builds";
}
