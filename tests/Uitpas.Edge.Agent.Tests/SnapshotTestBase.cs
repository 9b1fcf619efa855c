using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Uitpas.Edge.Agent.Snapshots;
using Uitpas.Edge.Agent.Tests.Infrastructure;
using Uitpas.Edge.Protocol.Snapshots;

namespace Uitpas.Edge.Agent.Tests;

/// <summary>
/// The agent with snapshots on: term-1 and term-fr in card system 1, term-2 in card system 2;
/// term-1 assigned to the seed's first event (yesterday to tomorrow, prices 12.50 and 8) and to
/// its second (tomorrow to the day after). The supplier CSV with every seed card is imported at
/// start. Rebuilds by schedule are a day apart: tests rebuild through the service.
/// </summary>
public abstract class SnapshotTestBase : AgentTestBase
{
    private readonly DateTimeOffset _midnight = new(DateTimeOffset.UtcNow.Date, TimeSpan.Zero);

    protected byte[] MasterSecret { get; } = RandomNumberGenerator.GetBytes(32);

    protected DateTimeOffset AssignmentStart => _midnight.AddDays(-1);

    protected string SupplierCsvPath => Path.Combine(DataDirectory, "supplier.csv");

    protected override IReadOnlyDictionary<string, string?>? ExtraSettings => new Dictionary<string, string?>
    {
        ["Agent:Snapshots:Enabled"] = "true",
        ["Agent:Snapshots:MasterSecret"] = Convert.ToBase64String(MasterSecret),
        ["Agent:Snapshots:RebuildInterval"] = "1.00:00:00",
        ["Agent:Snapshots:RebuildDebounce"] = "00:00:00",
        ["Agent:Snapshots:LookupInterval"] = "00:00:00.050",
        ["Agent:Snapshots:KeepDeltas"] = "3",
        ["Agent:Snapshots:SupplierCsv"] = SupplierCsvPath,
        ["Agent:Snapshots:Http:Port"] = "0",
        ["Agent:Devices:0:CardSystemId"] = "1",
        ["Agent:Devices:0:Events:0:EventId"] = Central.Seed.Events[0].Id,
        ["Agent:Devices:0:Events:0:Title"] = "Voorstelling",
        ["Agent:Devices:0:Events:0:From"] = Iso(AssignmentStart),
        ["Agent:Devices:0:Events:0:Until"] = Iso(AssignmentStart.AddDays(2)),
        ["Agent:Devices:0:Events:0:RegularPrices:0"] = "12.50",
        ["Agent:Devices:0:Events:0:RegularPrices:1"] = "8",
        ["Agent:Devices:0:Events:1:EventId"] = Central.Seed.Events[1].Id,
        ["Agent:Devices:0:Events:1:From"] = Iso(AssignmentStart.AddDays(2)),
        ["Agent:Devices:0:Events:1:Until"] = Iso(AssignmentStart.AddDays(3)),
        ["Agent:Devices:1:CardSystemId"] = "2",
        ["Agent:Devices:2:CardSystemId"] = "1",
    };

    protected IServiceProvider Services => Agent.Host.Services;

    protected SnapshotCatalog Catalog => Services.GetRequiredService<SnapshotCatalog>();

    protected CardMap Cards => Services.GetRequiredService<CardMap>();

    protected override Task BeforeAgentStartsAsync()
    {
        Directory.CreateDirectory(DataDirectory);
        File.WriteAllLines(SupplierCsvPath, Central.Seed.Cards.Select(c => $"\"{c.ChipNumber}\";\"{c.UitpasNumber}\""));
        return Task.CompletedTask;
    }

    protected byte[] KeyOf(uint cardSystem) => SnapshotKeys.Derive(MasterSecret, cardSystem);

    /// <summary>Builds every snapshot now (waits for a build under way) and publishes the manifests.</summary>
    protected async Task RebuildAsync()
    {
        using var timeout = new CancellationTokenSource(Waits.Default);
        await Services.GetRequiredService<SnapshotService>().RebuildAllAsync(timeout.Token);
    }

    /// <summary>The series once it reached <paramref name="version"/> (built at start or by a rebuild).</summary>
    protected async Task<SnapshotSeries> SeriesAsync(int kind, string owner, uint version = 1)
    {
        await RebuildAsync();
        var series = Catalog.Series(kind, owner);
        Assert.True(series is not null && series.Version >= version, $"series {kind}/{owner} has version {series?.Version}, expected {version}");
        return series!;
    }

    protected byte[] FileBytes(string file) => File.ReadAllBytes(Services.GetRequiredService<SnapshotFileStore>().PathOf(file));

    protected static string Iso(DateTimeOffset instant) => instant.ToString("O", CultureInfo.InvariantCulture);

    protected static string Cs(int cardSystem) => cardSystem.ToString(CultureInfo.InvariantCulture);

    protected static AllowlistReader OpenAllowlist(byte[] file)
    {
        Assert.True(AllowlistReader.TryOpen(new MemoryFile(file), out var reader, out var reason), reason);
        return reader;
    }
}

/// <summary>A snapshot file in memory behind the protocol's reader interface.</summary>
public sealed class MemoryFile(byte[] bytes) : IFlashReader
{
    public long Length => bytes.Length;

    public int Read(long position, byte[] buffer, int offset, int count)
    {
        if (position < 0 || position >= bytes.Length)
        {
            return 0;
        }
        var n = (int)Math.Min(count, bytes.Length - position);
        Array.Copy(bytes, position, buffer, offset, n);
        return n;
    }
}

/// <summary>Collects what a protocol writer writes.</summary>
public sealed class MemoryFileWriter : IFlashWriter
{
    private readonly MemoryStream _stream = new();

    public void Write(byte[] buffer, int offset, int count) => _stream.Write(buffer, offset, count);

    public byte[] ToArray() => _stream.ToArray();
}
