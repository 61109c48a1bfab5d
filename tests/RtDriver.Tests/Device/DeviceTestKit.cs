using RtDriver.Device;
using RtDriver.Offload;

namespace RtDriver.Tests.Device;

/// <summary>Shared helpers for the device/offload tests: specs, requests, test keys.</summary>
internal static class DeviceTestKit
{
    public static readonly byte[] Ap = [0x00, 0x09, 0x5b, 0xf9, 0xb6, 0x04];
    public static readonly byte[] Bcast = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff];

    /// <summary>Every emulated flavour: PCI (rt2860, rt3090) and USB (rt2870, rt3070).</summary>
    public static TheoryDataSpecs AllChips => new() { "emu:rt2860", "emu:rt3090", "emu:rt2870", "emu:rt3070" };

    public static bool IsUsbSpec(string spec) => spec.Contains("rt2870") || spec.Contains("rt3070");

    public static byte[] Bytes(int n, int start) => Enumerable.Range(start, n).Select(i => (byte)i).ToArray();

    public static KeyRequest Pairwise(RtCipher c, byte[]? addr = null, int keyId = 0, KeyFlags flags = 0, int start = 0x40, byte[]? seq = null) =>
        KeyRequest.Create((int)c, addr ?? Ap, true, keyId, true, seq ?? new byte[6], Bytes(Offload.KeyLen(c), start), flags | KeyFlags.Pairwise);

    public static KeyRequest Group(RtCipher c, int keyId, KeyFlags flags = 0, int start = 0x80) =>
        KeyRequest.Create((int)c, Bcast, true, keyId, false, new byte[6], Bytes(Offload.KeyLen(c), start), flags | KeyFlags.Group);

    public static class Offload
    {
        public static int KeyLen(RtCipher c) => RtCipherInfo.KeyLengthOf(c);
    }

    /// <summary>Register accesses a freshly opened device has consumed (to aim gone-after=N precisely).</summary>
    public static long AccessesAfterOpen(string spec)
    {
        using var d = RtDevice.Open(spec);
        return d.EmulatorModel!.AccessCount;
    }
}

public sealed class TheoryDataSpecs : Xunit.TheoryData<string> { }
