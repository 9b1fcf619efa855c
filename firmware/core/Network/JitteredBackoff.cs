namespace Uitpas.Edge.Core.Network
{
    /// <summary>
    /// Exponential backoff with a jitter of up to ± 25 % derived from the device id: the same
    /// terminal always waits the same, and a fleet of terminals spreads out without a random
    /// source (200 terminals after a power cut do not all hit the access point or the broker at
    /// the same instant). Immutable, so any thread may use it.
    /// </summary>
    public sealed class JitteredBackoff
    {
        public const int JitterPercent = 25;

        private readonly uint _seed;

        public JitteredBackoff(string deviceId, int firstMs, int maxMs)
        {
            _seed = Fnv1a(deviceId);
            FirstMs = firstMs;
            MaxMs = maxMs;
        }

        public int FirstMs { get; }

        public int MaxMs { get; }

        /// <summary>The wait after <paramref name="failures"/> failed attempts: first × 2^failures up to max, ± this device's jitter.</summary>
        public int DelayMs(int failures)
        {
            int nominal = NominalMs(failures);
            int percent = (int)(Mix(_seed, (uint)failures) % (2 * JitterPercent + 1)) - JitterPercent;
            return nominal + nominal / 100 * percent;
        }

        /// <summary>The backoff without jitter: first, 2 × first, 4 × first, … up to max.</summary>
        public int NominalMs(int failures)
        {
            int delay = FirstMs;
            for (int i = 0; i < failures && delay < MaxMs; i++)
            {
                delay *= 2;
            }
            return delay > MaxMs ? MaxMs : delay;
        }

        /// <summary>This device's share of [0, <paramref name="spanMs"/>): where in a common window it starts.</summary>
        public int SpreadMs(int spanMs)
        {
            return spanMs <= 0 ? 0 : (int)(Mix(_seed, 0xFFFF) % (uint)spanMs);
        }

        private static uint Fnv1a(string text)
        {
            uint hash = 2166136261;
            if (text != null)
            {
                for (int i = 0; i < text.Length; i++)
                {
                    hash ^= text[i];
                    hash *= 16777619;
                }
            }
            return hash;
        }

        /// <summary>A well-spread number from the seed and a counter (the murmur3 finaliser).</summary>
        private static uint Mix(uint seed, uint n)
        {
            uint h = seed ^ (n * 0x9E3779B9);
            h ^= h >> 16;
            h *= 0x85EBCA6B;
            h ^= h >> 13;
            h *= 0xC2B2AE35;
            h ^= h >> 16;
            return h;
        }
    }
}
