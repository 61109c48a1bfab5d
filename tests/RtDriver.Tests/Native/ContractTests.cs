using System.Runtime.InteropServices;
using System.Text;
using RtDriver.Native;
using Xunit;

namespace RtDriver.Tests.Native;

/// <summary>
/// Adversarial checks of docs/c-abi.md's general rules through the exports, called as C calls them
/// (unmanaged function pointers): whatever the input, every function returns a status from the
/// contract's table, never writes outside the buffers it was given, and a frame that fails any
/// check changes no key state. Seeded random mutations of valid frames for every cipher; the
/// frame path does no I/O, so RT_ERR_IO (the export layer's "internal error" mapping) counts as a
/// bug. Companion of native/tests/test_contract.c.
/// </summary>
public unsafe class ContractTests
{
    private const int Guard = 32;
    private const byte Canary = 0xA5;

    private static string Last() => Marshal.PtrToStringUTF8((nint)LastError.Get()) ?? "";

    private static readonly (int Cipher, int KeyLength, int KeyId, bool Mgmt)[] Ciphers =
    [
        (1, 5, 0, false), (2, 13, 1, false), (3, 32, 2, false), (4, 16, 3, false), (5, 32, 0, false),
        (6, 16, 1, false), (7, 32, 2, false), (8, 16, 4, true), (9, 16, 5, true), (10, 32, 4, true), (11, 32, 5, true),
    ];

    private static nint NewKey(int cipher, int keyLength, int keyId, byte seed)
    {
        var material = new byte[keyLength];
        for (int i = 0; i < keyLength; i++) material[i] = (byte)(seed * 31 + i * 7 + 1);
        if (cipher == 3) material.AsSpan(16, 8).CopyTo(material.AsSpan(24)); // one TKIP key both ways
        nint key;
        fixed (byte* m = material)
            Assert.Equal(0, ((delegate* unmanaged<int, byte*, nuint, int, nint*, int>)&KeyExports.New)(cipher, m, (nuint)keyLength, keyId, &key));
        return key;
    }

    private static void Free(nint key) => ((delegate* unmanaged<nint, void>)&KeyExports.Free)(key);

    private static int Encrypt(nint key, byte* input, int length, byte* output, int capacity, nuint* outLength) =>
        ((delegate* unmanaged<nint, byte*, nuint, byte*, nuint, nuint*, int>)&FrameExports.Encrypt)(key, input, (nuint)length, output, (nuint)capacity, outLength);

    private static int Decrypt(nint key, byte* input, int length, byte* output, int capacity, nuint* outLength) =>
        ((delegate* unmanaged<nint, byte*, nuint, byte*, nuint, nuint*, int>)&FrameExports.Decrypt)(key, input, (nuint)length, output, (nuint)capacity, outLength);

    /// <summary>TX PN and all 18 replay counters.</summary>
    private static ulong[] State(nint key)
    {
        var s = new ulong[19];
        fixed (ulong* p = s)
        {
            Assert.Equal(0, ((delegate* unmanaged<nint, ulong*, int>)&KeyExports.GetTxPn)(key, p));
            for (int t = 0; t < 18; t++)
                Assert.Equal(0, ((delegate* unmanaged<nint, int, ulong*, int>)&KeyExports.GetRxPn)(key, t, p + 1 + t));
        }
        return s;
    }

    private static byte[] Plaintext(Random rng, bool mgmt)
    {
        int[] shapes = mgmt ? [24] : [24, 26, 30, 32, 36];
        int hl = shapes[rng.Next(shapes.Length)];
        var f = new byte[hl + rng.Next(0, 300)];
        rng.NextBytes(f);
        if (mgmt) { f[0] = 0xc0; f[1] = 0x00; f[4] = 0xff; }
        else
        {
            (f[0], f[1]) = hl switch
            {
                24 => ((byte)0x08, (byte)0x01),
                26 => ((byte)0x88, (byte)0x01),
                30 => rng.Next(2) == 0 ? ((byte)0x08, (byte)0x03) : ((byte)0x88, (byte)0x81),
                32 => ((byte)0x88, (byte)0x03),
                _ => ((byte)0x88, (byte)0x83),
            };
        }
        f[22] &= 0xF0; // fragment 0
        return f;
    }

    private static readonly int[] FrameStatuses = [0, -1, -8, -9, -10, -11, -12, -13, -16];

    /// <summary>Decrypt of 400 mutated frames per cipher: a contract status, guards intact, no state change on failure.</summary>
    [Fact]
    public void MutatedFramesNeverEscapeTheContract()
    {
        var rng = new Random(20261122);
        var clear = (delegate* unmanaged<nint, int>)&KeyExports.ClearCountermeasures;
        foreach (var (cipher, keyLength, keyId, mgmt) in Ciphers)
        {
            nint tx = NewKey(cipher, keyLength, keyId, 7), rx = NewKey(cipher, keyLength, keyId, 7);
            try
            {
                for (int iteration = 0; iteration < 400; iteration++)
                {
                    byte[] plain = Plaintext(rng, mgmt);
                    var protectedFrame = new byte[plain.Length + 64];
                    nuint len;
                    fixed (byte* p = plain)
                    fixed (byte* e = protectedFrame)
                        Assert.Equal(0, Encrypt(tx, p, plain.Length, e, protectedFrame.Length, &len));
                    var frame = protectedFrame.AsSpan(0, (int)len).ToArray();
                    // Mutate: flip bits, truncate, extend, or rewrite a header byte.
                    switch (rng.Next(5))
                    {
                        case 0: frame[rng.Next(frame.Length)] ^= (byte)(1 << rng.Next(8)); break;
                        case 1: frame = frame.AsSpan(0, rng.Next(frame.Length)).ToArray(); break;
                        case 2: frame = [.. frame, .. new byte[rng.Next(1, 20)]]; break;
                        case 3: frame[rng.Next(Math.Min(40, frame.Length))] = (byte)rng.Next(256); break;
                        default: break; // unmodified: must decrypt
                    }
                    int capacity = rng.Next(0, frame.Length + 8);
                    var outBuffer = new byte[capacity + 2 * Guard];
                    outBuffer.AsSpan().Fill(Canary);
                    var before = State(rx);
                    int status;
                    nuint outLength = 12345;
                    fixed (byte* f = frame)
                    fixed (byte* o = outBuffer)
                        status = Decrypt(rx, f, frame.Length, o + Guard, capacity, &outLength);
                    Assert.True(FrameStatuses.Contains(status), $"cipher {cipher}: status {status} ({Last()}) is not a frame status");
                    Assert.All(outBuffer.AsSpan(0, Guard).ToArray(), b => Assert.Equal(Canary, b));
                    Assert.All(outBuffer.AsSpan(Guard + capacity).ToArray(), b => Assert.Equal(Canary, b));
                    if (status == 0) Assert.True(outLength <= (nuint)capacity && outLength <= (nuint)frame.Length);
                    else
                    {
                        Assert.Equal(before, State(rx));
                        Assert.NotEqual("", Last());
                        if (status == -8) Assert.True(outLength > (nuint)capacity, $"BUFFER_TOO_SMALL with out_len {outLength} <= out_cap {capacity}");
                    }
                    Assert.Equal(0, clear(rx)); // TKIP Michael failures must not end the test in countermeasures
                }
            }
            finally { Free(tx); Free(rx); }
        }
    }

    /// <summary>Encrypt of random (often invalid) plaintext frames: a contract status, exact output size, guards intact.</summary>
    [Fact]
    public void RandomPlaintextFramesEncryptOrFailCleanly()
    {
        var rng = new Random(4242);
        foreach (var (cipher, keyLength, keyId, _) in Ciphers)
        {
            nint key = NewKey(cipher, keyLength, keyId, 3);
            try
            {
                for (int iteration = 0; iteration < 300; iteration++)
                {
                    var frame = new byte[rng.Next(0, 120)];
                    rng.NextBytes(frame);
                    if (frame.Length > 1 && rng.Next(2) == 0) frame[1] &= 0xBF; // Protected clear half the time
                    int capacity = rng.Next(0, frame.Length + 64);
                    var outBuffer = new byte[capacity + 2 * Guard];
                    outBuffer.AsSpan().Fill(Canary);
                    var before = State(key);
                    nuint outLength;
                    int status;
                    fixed (byte* f = frame)
                    fixed (byte* o = outBuffer)
                        status = Encrypt(key, frame.Length == 0 ? o : f, frame.Length, o + Guard, capacity, &outLength);
                    Assert.True(FrameStatuses.Contains(status), $"cipher {cipher}: status {status} ({Last()})");
                    Assert.All(outBuffer.AsSpan(0, Guard).ToArray(), b => Assert.Equal(Canary, b));
                    Assert.All(outBuffer.AsSpan(Guard + capacity).ToArray(), b => Assert.Equal(Canary, b));
                    var after = State(key);
                    if (status == 0) Assert.Equal((before[0] + 1) & (cipher <= 2 ? 0xFFFFFFu : ulong.MaxValue), after[0]);
                    else Assert.Equal(before, after);
                }
            }
            finally { Free(key); }
        }
    }

    /// <summary>
    /// rt_frame_decrypt_msdu (addition) fed fragments of real MSDUs, shuffled, dropped, repeated and
    /// mutated: only frame statuses, guards intact, and every MSDU it completes is one that was sent.
    /// </summary>
    [Fact]
    public void MutatedFragmentStreamsNeverEscapeTheContract()
    {
        var rng = new Random(777);
        var encryptMsdu = (delegate* unmanaged<nint, byte*, nuint, nuint, byte*, nuint, nuint*, nuint*, nuint, nuint*, int>)&FrameExports.EncryptMsdu;
        var decryptMsdu = (delegate* unmanaged<nint, byte*, nuint, byte*, nuint, nuint*, int*, int>)&FrameExports.DecryptMsdu;
        var clear = (delegate* unmanaged<nint, int>)&KeyExports.ClearCountermeasures;
        foreach (var (cipher, keyLength, keyId, mgmt) in Ciphers)
        {
            if (mgmt) continue; // BIP frames are never fragmented
            nint tx = NewKey(cipher, keyLength, keyId, 9), rx = NewKey(cipher, keyLength, keyId, 9);
            var sent = new HashSet<string>();
            int completed = 0;
            try
            {
                for (int iteration = 0; iteration < 60; iteration++)
                {
                    byte[] plain = Plaintext(rng, mgmt: false);
                    plain[1] &= 0xFB; // More Fragments clear
                    var frags = new byte[plain.Length * 2 + 16 * 40];
                    var lens = new nuint[16];
                    nuint total, count;
                    fixed (byte* p = plain)
                    fixed (byte* f = frags)
                    fixed (nuint* l = lens)
                        Assert.Equal(0, encryptMsdu(tx, p, (nuint)plain.Length, (nuint)Math.Max(rng.Next(60, 200), plain.Length / 8 + 70), f, (nuint)frags.Length, &total, l, 16, &count));
                    sent.Add(Convert.ToHexString(plain.AsSpan(HeaderLengthOf(plain))));
                    var pieces = new List<byte[]>();
                    int off = 0;
                    for (int i = 0; i < (int)count; i++) { pieces.Add(frags.AsSpan(off, (int)lens[i]).ToArray()); off += (int)lens[i]; }
                    // Disturb the stream now and then.
                    if (rng.Next(3) == 0 && pieces.Count > 1) pieces.RemoveAt(rng.Next(pieces.Count));
                    if (rng.Next(3) == 0) pieces.Insert(rng.Next(pieces.Count + 1), pieces[rng.Next(pieces.Count)]);
                    if (rng.Next(3) == 0) { var victim = pieces[rng.Next(pieces.Count)]; victim[rng.Next(victim.Length)] ^= (byte)(1 << rng.Next(8)); }
                    foreach (var piece in pieces)
                    {
                        int capacity = rng.Next(4) == 0 ? rng.Next(0, 64) : 4096;
                        var outBuffer = new byte[capacity + 2 * Guard];
                        outBuffer.AsSpan().Fill(Canary);
                        nuint outLength;
                        int complete, status;
                        fixed (byte* f = piece)
                        fixed (byte* o = outBuffer)
                            status = decryptMsdu(rx, f, (nuint)piece.Length, o + Guard, (nuint)capacity, &outLength, &complete);
                        Assert.True(FrameStatuses.Contains(status), $"cipher {cipher}: decrypt_msdu status {status} ({Last()})");
                        Assert.All(outBuffer.AsSpan(0, Guard).ToArray(), b => Assert.Equal(Canary, b));
                        Assert.All(outBuffer.AsSpan(Guard + capacity).ToArray(), b => Assert.Equal(Canary, b));
                        if (status == 0 && complete == 1)
                        {
                            var msdu = outBuffer.AsSpan(Guard, (int)outLength).ToArray();
                            Assert.Contains(Convert.ToHexString(msdu.AsSpan(HeaderLengthOf(msdu))), sent);
                            completed++;
                        }
                        Assert.Equal(0, clear(rx));
                    }
                }
                Assert.True(completed > 10, $"cipher {cipher}: only {completed} MSDUs completed");
            }
            finally { Free(tx); Free(rx); }
        }
    }

    private static int HeaderLengthOf(byte[] f) =>
        24 + ((f[1] & 3) == 3 ? 6 : 0) + ((f[0] & 0x80) != 0 ? 2 + ((f[1] & 0x80) != 0 ? 4 : 0) : 0);

    /// <summary>docs/c-abi.md: RT_ERR_PERMISSION is the OS refusing access; a directory is not an image (RT_ERR_BAD_FIRMWARE).</summary>
    [Fact]
    public void FirmwarePathThatIsADirectoryIsBadFirmware()
    {
        string dir = Directory.CreateTempSubdirectory("audit-fw").FullName;
        nint dev;
        try
        {
            fixed (byte* s = "emu:rt2860\0"u8)
                Assert.Equal(0, ((delegate* unmanaged<byte*, nint*, int>)&DeviceExports.Open)(s, &dev));
            var load = (delegate* unmanaged<nint, byte*, int>)&DeviceExports.LoadFirmware;
            fixed (byte* p = Encoding.UTF8.GetBytes(dir + "\0"))
                Assert.Equal(-7, load(dev, p));
            Assert.Contains(dir, Last());
            Assert.Contains("directory", Last());
            ((delegate* unmanaged<nint, void>)&DeviceExports.Close)(dev);
        }
        finally { Directory.Delete(dir, true); }
    }

    /// <summary>Every rt_key_* / rt_frame_* export with NULL and forged arguments: RT_ERR_INVALID_ARGUMENT, nothing written.</summary>
    [Fact]
    public void NullOutputsAreInvalidArgumentsEverywhere()
    {
        nint key = NewKey(4, 16, 0, 1);
        try
        {
            byte* frame = stackalloc byte[64];
            new Span<byte>(frame, 64).Clear();
            frame[0] = 0x08;
            Assert.Equal(-1, Encrypt(key, frame, 64, frame, 128, null));
            Assert.Equal(-1, Decrypt(key, frame, 64, frame, 128, null));
            Assert.Equal(-1, Encrypt(key, null, 64, frame, 128, null));
            Assert.Equal(-1, ((delegate* unmanaged<nint, ulong*, int>)&KeyExports.GetTxPn)(key, null));
            Assert.Equal(-1, ((delegate* unmanaged<nint, int, ulong*, int>)&KeyExports.GetRxPn)(key, 0, null));
            Assert.Equal(-1, ((delegate* unmanaged<nint, int*, int>)&KeyExports.GetCountermeasures)(key, null));
            Assert.Equal(-1, ((delegate* unmanaged<nint, KeyExports.RtKeyEvent*, int>)&KeyExports.NextEvent)(key, null));
            Assert.Equal(-1, ((delegate* unmanaged<nint, RtDriver.Crypto.Frames.FrameBatchOp*, nuint, int>)&FrameExports.EncryptBatch)(key, null, 1));
            Assert.Equal(0, ((delegate* unmanaged<nint, RtDriver.Crypto.Frames.FrameBatchOp*, nuint, int>)&FrameExports.DecryptBatch)(key, null, 0));
            nint forged = unchecked((nint)0x7fff_0000_0000_001A);
            nuint n;
            Assert.Equal(-1, Encrypt(forged, frame, 64, frame, 128, &n));
            Assert.Contains("not a live handle", Last());
        }
        finally { Free(key); }
    }
}
