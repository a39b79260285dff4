namespace SharpGan.Onnx;

/// <summary>
/// The 32-bit Mersenne Twister (Matsumoto and Nishimura, 1998) as torch's CPU generator holds it: seeded from the low
/// 32 bits of the seed by the reference <c>init_genrand</c> recurrence, untempered state regenerated every 624 draws.
/// </summary>
internal sealed class Mt19937
{
    const int N = 624, M = 397;
    const uint MatrixA = 0x9908b0df, UpperMask = 0x80000000, LowerMask = 0x7fffffff;

    readonly uint[] state = new uint[N];
    int next = N;

    public Mt19937(ulong seed)
    {
        state[0] = (uint)seed;
        for (uint j = 1; j < N; j++)
            state[j] = 1812433253u * (state[j - 1] ^ (state[j - 1] >> 30)) + j;
    }

    public uint Next()
    {
        if (next == N) Twist();
        uint y = state[next++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        return y ^ (y >> 18);
    }

    void Twist()
    {
        for (int k = 0; k < N; k++)
        {
            uint y = (state[k] & UpperMask) | (state[(k + 1) % N] & LowerMask);
            state[k] = state[(k + M) % N] ^ (y >> 1) ^ ((y & 1) != 0 ? MatrixA : 0);
        }
        next = 0;
    }
}
