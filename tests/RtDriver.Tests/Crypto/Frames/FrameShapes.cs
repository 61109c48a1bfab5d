using RtDriver.Crypto.Frames;
using Xunit;

namespace RtDriver.Tests.Crypto.Frames;

/// <summary>Plaintext MPDUs of every header shape the ciphers must handle.</summary>
public static class FrameShapes
{
    public enum Shape { Data3, Data4, Qos3, Qos4HtControl, Management, ManagementHtControl }

    public static readonly Shape[] All = Enum.GetValues<Shape>();

    public static bool Applies(RtCipher cipher, Shape shape) => cipher switch
    {
        RtCipher.Tkip => shape is not (Shape.Management or Shape.ManagementHtControl),
        _ when FrameKey.IsBip(cipher) => shape is Shape.Management or Shape.ManagementHtControl,
        _ => true,
    };

    public static int HeaderLength(Shape shape) => shape switch
    {
        Shape.Data3 => 24,
        Shape.Data4 => 30,
        Shape.Qos3 => 26,
        Shape.Qos4HtControl => 36,
        Shape.Management => 24,
        Shape.ManagementHtControl => 28,
        _ => throw new ArgumentOutOfRangeException(nameof(shape)),
    };

    /// <summary>Writes a plaintext MPDU of <paramref name="shape"/> with a body of
    /// <paramref name="bodyLength"/> bytes into <paramref name="frame"/>; returns its length.</summary>
    public static int Build(Shape shape, int bodyLength, Span<byte> frame, int seed = 0, bool groupAddressed = false)
    {
        int hl = HeaderLength(shape);
        var h = frame.Slice(0, hl);
        h.Clear();
        (byte fc0, byte fc1) = shape switch
        {
            Shape.Data3 => ((byte)0x08, (byte)0x01),               // data, ToDS
            Shape.Data4 => ((byte)0x08, (byte)0x03),               // data, ToDS + FromDS (WDS)
            Shape.Qos3 => ((byte)0x88, (byte)0x02),                // QoS data, FromDS
            Shape.Qos4HtControl => ((byte)0x88, (byte)0x83),       // QoS data, ToDS + FromDS, Order (+HTC)
            Shape.Management => ((byte)0xD0, (byte)0x00),          // Action
            Shape.ManagementHtControl => ((byte)0xD0, (byte)0x80), // Action, Order (+HTC)
            _ => throw new ArgumentOutOfRangeException(nameof(shape)),
        };
        h[0] = fc0; h[1] = fc1;
        h[2] = 0x3a; h[3] = 0x01;
        for (int i = 0; i < 18; i++) h[4 + i] = (byte)(0x10 + i + seed);
        h[4] = groupAddressed ? (byte)0xff : (byte)0x02; // A1 individual or group
        h[10] = 0x02;                                     // A2: a locally administered unicast address
        h[22] = (byte)(0x10 | (seed & 0)); h[23] = (byte)(0x12 + seed);
        int pos = 24;
        if (shape is Shape.Data4 or Shape.Qos4HtControl)
        {
            for (int i = 0; i < 6; i++) h[pos + i] = (byte)(0x40 + i);
            pos += 6;
        }
        if (shape is Shape.Qos3 or Shape.Qos4HtControl)
        {
            h[pos] = (byte)(5 + (seed & 7)); h[pos + 1] = 0; // TID 5..12
            pos += 2;
        }
        if (shape is Shape.Qos4HtControl or Shape.ManagementHtControl)
        {
            h[pos] = 0x11; h[pos + 1] = 0x22; h[pos + 2] = 0x33; h[pos + 3] = 0x04;
            pos += 4;
        }
        for (int i = 0; i < bodyLength; i++) frame[hl + i] = (byte)(i * 31 + seed + 1);
        return hl + bodyLength;
    }

    public static byte[] KeyFor(RtCipher cipher, int seed = 1)
    {
        var k = new byte[FrameKey.KeyLength(cipher)];
        for (int i = 0; i < k.Length; i++) k[i] = (byte)(i * 13 + seed);
        return k;
    }

    /// <summary>The receiving side's key: TKIP swaps the two Michael keys.</summary>
    public static byte[] PeerKey(RtCipher cipher, byte[] key)
    {
        if (cipher != RtCipher.Tkip) return key;
        var p = (byte[])key.Clone();
        key.AsSpan(16, 8).CopyTo(p.AsSpan(24));
        key.AsSpan(24, 8).CopyTo(p.AsSpan(16));
        return p;
    }

    public static int KeyIdFor(RtCipher cipher) => FrameKey.IsBip(cipher) ? 5 : 2;

    /// <summary>The transmitting side's key and the receiving side's twin (<see cref="PeerKey"/>), both at <see cref="KeyIdFor"/>.</summary>
    public static (FrameKey Tx, FrameKey Rx) KeyPair(RtCipher cipher, byte[] key) =>
        (FrameKey.Create(cipher, key, KeyIdFor(cipher)), FrameKey.Create(cipher, PeerKey(cipher, key), KeyIdFor(cipher)));

    public static readonly RtCipher[] Ciphers =
    [
        RtCipher.Wep40, RtCipher.Wep104, RtCipher.Tkip, RtCipher.Ccmp, RtCipher.Ccmp256, RtCipher.Gcmp, RtCipher.Gcmp256,
        RtCipher.BipCmac128, RtCipher.BipGmac128, RtCipher.BipGmac256, RtCipher.BipCmac256,
    ];

    /// <summary>xUnit member data: one row per cipher in <see cref="Ciphers"/>.</summary>
    public static TheoryData<RtCipher> AllCiphers()
    {
        var d = new TheoryData<RtCipher>();
        foreach (var c in Ciphers) d.Add(c);
        return d;
    }
}
