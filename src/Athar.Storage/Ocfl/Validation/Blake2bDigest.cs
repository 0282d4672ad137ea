using System.Buffers.Binary;
using System.Numerics;

namespace Athar.Storage.Ocfl.Validation;

/// <summary>
/// BLAKE2b (RFC 7693), unkeyed, with an output of 1 to 64 bytes, fed incrementally. .NET has no BLAKE2,
/// and OCFL 1.1 section 3.4 lists blake2b-512 among the fixity algorithms every client must support
/// (E027); community extension 0001 adds blake2b-160, -256 and -384. Written from RFC 7693 sections 2
/// and 3; checked in the tests against the RFC's "abc" vector and the extension's empty-input values.
/// </summary>
internal sealed class Blake2bDigest : IStreamingDigest
{
    private const int BlockBytes = 128;

    // RFC 7693 section 2.6: the initialisation vector is the SHA-512 one.
    private static readonly ulong[] InitialisationVector =
    [
        0x6A09E667F3BCC908UL, 0xBB67AE8584CAA73BUL, 0x3C6EF372FE94F82BUL, 0xA54FF53A5F1D36F1UL,
        0x510E527FADE682D1UL, 0x9B05688C2B3E6C1FUL, 0x1F83D9ABFB41BD6BUL, 0x5BE0CD19137E2179UL,
    ];

    // RFC 7693 section 2.7: the message word schedule; rounds 10 and 11 repeat rows 0 and 1.
    private static readonly byte[][] Sigma =
    [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
        [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
        [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
        [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
        [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
        [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
        [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
        [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
        [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
        [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
    ];

    private readonly ulong[] _state = new ulong[8];
    private readonly ulong[] _work = new ulong[16];
    private readonly ulong[] _message = new ulong[16];
    private readonly byte[] _buffer = new byte[BlockBytes];
    private readonly int _outputBytes;
    private int _buffered;
    private UInt128 _bytesCompressed;

    /// <summary>Requires 1 &lt;= <paramref name="outputBytes"/> &lt;= 64.</summary>
    public Blake2bDigest(int outputBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(outputBytes, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(outputBytes, 64);
        _outputBytes = outputBytes;
        InitialisationVector.CopyTo(_state, 0);
        // Parameter block word 0: digest length, key length 0, fanout 1, depth 1 (RFC 7693 section 2.5).
        _state[0] ^= 0x01010000UL ^ (ulong)outputBytes;
    }

    public void Append(ReadOnlySpan<byte> data)
    {
        while (data.Length > 0)
        {
            // The last block must be compressed with the final flag, so a full buffer is only
            // compressed once more data is known to follow.
            if (_buffered == BlockBytes)
            {
                _bytesCompressed += BlockBytes;
                Compress(_buffer, isLast: false);
                _buffered = 0;
            }
            var take = Math.Min(BlockBytes - _buffered, data.Length);
            data[..take].CopyTo(_buffer.AsSpan(_buffered));
            _buffered += take;
            data = data[take..];
        }
    }

    public string FinishHex()
    {
        _bytesCompressed += (ulong)_buffered;
        _buffer.AsSpan(_buffered).Clear();
        Compress(_buffer, isLast: true);
        Span<byte> output = stackalloc byte[64];
        for (var i = 0; i < 8; i++) BinaryPrimitives.WriteUInt64LittleEndian(output[(i * 8)..], _state[i]);
        return Convert.ToHexStringLower(output[.._outputBytes]);
    }

    // RFC 7693 section 3.2, function F.
    private void Compress(ReadOnlySpan<byte> block, bool isLast)
    {
        for (var i = 0; i < 16; i++) _message[i] = BinaryPrimitives.ReadUInt64LittleEndian(block[(i * 8)..]);
        var v = _work;
        for (var i = 0; i < 8; i++)
        {
            v[i] = _state[i];
            v[i + 8] = InitialisationVector[i];
        }
        v[12] ^= (ulong)_bytesCompressed;
        v[13] ^= (ulong)(_bytesCompressed >> 64);
        if (isLast) v[14] = ~v[14];

        for (var round = 0; round < 12; round++)
        {
            var s = Sigma[round % 10];
            Mix(v, 0, 4, 8, 12, _message[s[0]], _message[s[1]]);
            Mix(v, 1, 5, 9, 13, _message[s[2]], _message[s[3]]);
            Mix(v, 2, 6, 10, 14, _message[s[4]], _message[s[5]]);
            Mix(v, 3, 7, 11, 15, _message[s[6]], _message[s[7]]);
            Mix(v, 0, 5, 10, 15, _message[s[8]], _message[s[9]]);
            Mix(v, 1, 6, 11, 12, _message[s[10]], _message[s[11]]);
            Mix(v, 2, 7, 8, 13, _message[s[12]], _message[s[13]]);
            Mix(v, 3, 4, 9, 14, _message[s[14]], _message[s[15]]);
        }
        for (var i = 0; i < 8; i++) _state[i] ^= v[i] ^ v[i + 8];
    }

    // RFC 7693 section 3.1, function G, with the BLAKE2b rotation constants 32, 24, 16, 63.
    private static void Mix(ulong[] v, int a, int b, int c, int d, ulong x, ulong y)
    {
        v[a] = v[a] + v[b] + x;
        v[d] = BitOperations.RotateRight(v[d] ^ v[a], 32);
        v[c] = v[c] + v[d];
        v[b] = BitOperations.RotateRight(v[b] ^ v[c], 24);
        v[a] = v[a] + v[b] + y;
        v[d] = BitOperations.RotateRight(v[d] ^ v[a], 16);
        v[c] = v[c] + v[d];
        v[b] = BitOperations.RotateRight(v[b] ^ v[c], 63);
    }
}
