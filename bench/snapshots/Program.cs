using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Uitpas.Edge.Bench.Snapshots;
using Uitpas.Edge.Snapshots.Tests.Infrastructure;

// Allowlist snapshot bench (docs/performance.md): dotnet run -c Release --project bench/snapshots
const int Seed = 20251124;
var hmac = new HmacSha256Net();
byte[] key = SHA256.HashData(Encoding.ASCII.GetBytes("uitpas-edge bench key"));
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var results = new[] { 50_000, 500_000 }.Select(n => AllowlistBench.Run(n, Seed, hmac, key)).ToArray();
Report.Print(results, Console.Out);
