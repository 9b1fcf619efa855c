using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Uitpas.Edge.Agent.Access;
using Uitpas.Edge.Agent.Devices;
using Uitpas.Edge.Agent.Hosting;
using Uitpas.Edge.Agent.Store;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Agent.Reports;

/// <summary>
/// The passholder pseudonym of the facts layer: HMAC-SHA256 under a 32-byte key kept in a file (Agent:Reports:
/// PseudonymKeyFile, made at first start, owner-only), of "uitpas:"+number, or "chip:"+hex while the chip's number
/// is not known. At start the key's fingerprint is checked against the one the database was written with: another
/// key would split every passholder in two, so the agent refuses to start. The key is never logged nor shown.
/// </summary>
public sealed class Pseudonymizer : IHostedService
{
    /// <summary>Bytes of a key and of a pseudonym.</summary>
    public const int Length = 32;

    private static readonly byte[] FingerprintInput = Encoding.UTF8.GetBytes("uitpas-edge pseudonym v1");

    private readonly string _path;
    private readonly StoreWriter _writer;
    private readonly AgentDatabase _database;
    private readonly TimeProvider _time;
    private readonly ILogger<Pseudonymizer> _logger;
    private byte[]? _key;

    public Pseudonymizer(IOptions<ReportOptions> options, IOptions<AgentOptions> agent, StoreWriter writer, AgentDatabase database, TimeProvider time,
        ILogger<Pseudonymizer> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(agent);
        _path = options.Value.KeyPath(agent.Value);
        _writer = writer;
        _database = database;
        _time = time;
        _logger = logger;
    }

    /// <summary>The key file's full path.</summary>
    public string KeyPath => _path;

    /// <summary>The pseudonym of a UiTPAS number.</summary>
    public byte[] OfNumber(string uitpasNumber)
    {
        ArgumentException.ThrowIfNullOrEmpty(uitpasNumber);
        return Hash("uitpas:" + uitpasNumber);
    }

    /// <summary>The pseudonym of a chip whose UiTPAS number is not known (yet).</summary>
    public byte[] OfChip(byte[] chipUid)
    {
        ArgumentNullException.ThrowIfNull(chipUid);
        return Hash("chip:" + ChipUid.ToHex(chipUid));
    }

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var key = LoadOrCreate();
        var fingerprint = HMACSHA256.HashData(key, FingerprintInput);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var stored = await _writer.ExecuteAsync((connection, transaction) =>
        {
            Sql.Command(connection, transaction, """
                INSERT INTO report_settings (id, pseudonym_fingerprint, created_at_ms) VALUES (1, @fingerprint, @now)
                ON CONFLICT (id) DO NOTHING
                """).Bind("@fingerprint", fingerprint).Bind("@now", now).RunOnce();
            return (byte[])Sql.Command(connection, transaction, "SELECT pseudonym_fingerprint FROM report_settings WHERE id = 1").ScalarOnce()!;
        }, cancellationToken).ConfigureAwait(false);
        if (!CryptographicOperations.FixedTimeEquals(stored, fingerprint))
        {
            throw new InvalidOperationException(
                $"the pseudonym key differs from the one this database was written with: {_path} is not the key of {_database.Description}. "
                + "Put the original key file back (instances sharing one database share one key file); nothing was changed.");
        }
        _key = key;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private byte[] Hash(string input) =>
        HMACSHA256.HashData(_key ?? throw new InvalidOperationException("The pseudonym key is not loaded yet (the agent has not started)."), Encoding.UTF8.GetBytes(input));

    private byte[] LoadOrCreate()
    {
        if (!File.Exists(_path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
            SecretFiles.WriteAtomically(_path, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(Length)) + "\n");
            ReportLog.KeyCreated(_logger, _path);
        }
        var text = File.ReadAllText(_path).Trim();
        try
        {
            var key = Convert.FromHexString(text);
            if (key.Length == Length)
            {
                return key;
            }
        }
        catch (FormatException)
        {
            // Reported below.
        }
        throw new InvalidOperationException(
            $"The pseudonym key file {_path} does not hold a key (64 hex digits): restore it from the backup; a new key would make every passholder count twice.");
    }
}
