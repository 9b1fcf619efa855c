using System.Security.Cryptography;

namespace Uitpas.Edge.Simulator;

/// <summary>Opaque access tokens with an expiry on the simulator's clock.</summary>
internal sealed class TokenIssuer(TimeSpan lifetime, TimeProvider time)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, DateTimeOffset> issued = new(StringComparer.Ordinal);

    public TimeSpan Lifetime => lifetime;

    public string Issue()
    {
        var token = "sim." + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
        lock (gate)
        {
            issued[token] = time.GetUtcNow() + lifetime;
        }
        return token;
    }

    public bool IsValid(string token)
    {
        lock (gate)
        {
            return issued.TryGetValue(token, out var expires) && time.GetUtcNow() < expires;
        }
    }

    public void RevokeAll()
    {
        lock (gate)
        {
            issued.Clear();
        }
    }
}
