using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using RtDriver.Native;
using Xunit;
using RtDriver.Hardware.Keys;

namespace RtDriver.Tests.Native;

/// <summary>The device exports called through unmanaged function pointers, as C calls them.</summary>
public unsafe class DeviceAbiTests
{
    private static string Last() => Marshal.PtrToStringUTF8((nint)LastError.Get()) ?? "";

    [Fact]
    public void StructLayoutsMatchTheCHeader()
    {
        // rt_device_info: 4 × u32, u8[6], u16, 4 × u32, char[64]
        Assert.Equal(104, sizeof(DeviceExports.RtDeviceInfo));
        Assert.Equal(16, (int)Marshal.OffsetOf<DeviceExports.RtDeviceInfo>("Mac"));
        Assert.Equal(22, (int)Marshal.OffsetOf<DeviceExports.RtDeviceInfo>(nameof(DeviceExports.RtDeviceInfo.Bus)));
        Assert.Equal(24, (int)Marshal.OffsetOf<DeviceExports.RtDeviceInfo>(nameof(DeviceExports.RtDeviceInfo.FirmwareLoaded)));
        Assert.Equal(36, (int)Marshal.OffsetOf<DeviceExports.RtDeviceInfo>(nameof(DeviceExports.RtDeviceInfo.HwKeySlotsUsed)));
        Assert.Equal(40, (int)Marshal.OffsetOf<DeviceExports.RtDeviceInfo>("Name"));
        // rt_key_params on LP64
        Assert.Equal(64, sizeof(DeviceExports.RtKeyParams));
        Assert.Equal(8, (int)Marshal.OffsetOf<DeviceExports.RtKeyParams>(nameof(DeviceExports.RtKeyParams.Addr)));
        Assert.Equal(16, (int)Marshal.OffsetOf<DeviceExports.RtKeyParams>(nameof(DeviceExports.RtKeyParams.KeyId)));
        Assert.Equal(24, (int)Marshal.OffsetOf<DeviceExports.RtKeyParams>(nameof(DeviceExports.RtKeyParams.Seq)));
        Assert.Equal(32, (int)Marshal.OffsetOf<DeviceExports.RtKeyParams>(nameof(DeviceExports.RtKeyParams.SeqLen)));
        Assert.Equal(40, (int)Marshal.OffsetOf<DeviceExports.RtKeyParams>(nameof(DeviceExports.RtKeyParams.Key)));
        Assert.Equal(48, (int)Marshal.OffsetOf<DeviceExports.RtKeyParams>(nameof(DeviceExports.RtKeyParams.KeyLen)));
        Assert.Equal(56, (int)Marshal.OffsetOf<DeviceExports.RtKeyParams>(nameof(DeviceExports.RtKeyParams.Flags)));
        Assert.Equal(56, DeviceExports.KeyParamsMinSize);
        // rt_device_key_entry
        Assert.Equal(224, sizeof(DeviceExports.RtDeviceKeyEntry));
        Assert.Equal(8, (int)Marshal.OffsetOf<DeviceExports.RtDeviceKeyEntry>("Addr"));
        Assert.Equal(16, (int)Marshal.OffsetOf<DeviceExports.RtDeviceKeyEntry>(nameof(DeviceExports.RtDeviceKeyEntry.Cipher)));
        Assert.Equal(28, (int)Marshal.OffsetOf<DeviceExports.RtDeviceKeyEntry>(nameof(DeviceExports.RtDeviceKeyEntry.Placement)));
        Assert.Equal(32, (int)Marshal.OffsetOf<DeviceExports.RtDeviceKeyEntry>("Reason"));
    }

    private static nint Open(string spec)
    {
        var bytes = Encoding.UTF8.GetBytes(spec + "\0");
        nint dev;
        fixed (byte* p = bytes)
            Assert.Equal(0, ((delegate* unmanaged<byte*, nint*, int>)&DeviceExports.Open)(p, &dev));
        return dev;
    }

    private static void Close(nint dev) => ((delegate* unmanaged<nint, void>)&DeviceExports.Close)(dev);

    private static int SetKey(nint dev, int cipher, byte[]? addr, int keyId, byte[] key, byte[] seq, uint flags, out int placement, uint structSize = 64)
    {
        var open = (delegate* unmanaged<nint, DeviceExports.RtKeyParams*, int*, int>)&DeviceExports.SetKey;
        fixed (byte* a = addr)
        fixed (byte* k = key)
        fixed (byte* s = seq)
        {
            var p = new DeviceExports.RtKeyParams
            {
                StructSize = structSize, Cipher = cipher, Addr = a, KeyId = keyId, SetTx = 1,
                Seq = s, SeqLen = (nuint)seq.Length, Key = k, KeyLen = (nuint)key.Length, Flags = flags,
            };
            int pl;
            int r = open(dev, &p, &pl);
            placement = pl;
            return r;
        }
    }

    [Fact]
    public void InfoHonoursStructSizeAndWritesNoMore()
    {
        nint dev = Open("emu:rt2860,mac=00:11:22:33:44:55");
        try
        {
            var get = (delegate* unmanaged<nint, DeviceExports.RtDeviceInfo*, int>)&DeviceExports.GetInfo;
            var info = new DeviceExports.RtDeviceInfo { StructSize = 104 };
            Assert.Equal(0, get(dev, &info));
            Assert.Equal(0x2860u, info.ChipId);
            Assert.Equal(0x55, info.Mac[5]);
            Assert.Equal(189u, info.HwKeySlots);
            Assert.Equal("RT2860 (emulated)", Marshal.PtrToStringUTF8((nint)info.Name));
            // An older, smaller struct: 16 bytes → only struct_size..rf_id, the canary after it untouched.
            byte* buf = stackalloc byte[104];
            new Span<byte>(buf, 104).Fill(0xCC);
            *(uint*)buf = 16;
            Assert.Equal(0, get(dev, (DeviceExports.RtDeviceInfo*)buf));
            Assert.Equal(0x2860u, ((uint*)buf)[1]);
            Assert.Equal(0xCC, buf[16]);
            *(uint*)buf = 0;
            Assert.Equal(-1, get(dev, (DeviceExports.RtDeviceInfo*)buf));
            Assert.Contains("struct_size 0", Last());
            Assert.Equal(-1, get(dev, null));
        }
        finally { Close(dev); }
    }

    [Fact]
    public void BadHandlesAndNullsAreInvalidArguments()
    {
        uint v;
        var read = (delegate* unmanaged<nint, uint, uint*, int>)&DeviceExports.Read32;
        Assert.Equal(-1, read(0, 0x1000, &v));
        Assert.Equal(-1, read(unchecked((nint)0x123456789A), 0x1000, &v));
        nint dev = Open("emu:rt2860");
        Assert.Equal(0, read(dev, 0x1000, &v));
        Assert.Equal(-1, read(dev, 0x1000, null));
        Assert.Equal(-1, read(dev, 0x1001, &v));
        Assert.Contains("0x1001", Last());
        Close(dev);
        Assert.Equal(-1, read(dev, 0x1000, &v)); // closed
        Close(dev);                                // double close: harmless
        Close(0);
        nint h;
        Assert.Equal(-1, ((delegate* unmanaged<byte*, nint*, int>)&DeviceExports.Open)(null, &h));
        Assert.Equal(0, h);
        fixed (byte* s = "auto\0"u8)
            Assert.Equal(-3, ((delegate* unmanaged<byte*, nint*, int>)&DeviceExports.Open)(s, &h));
        Assert.Contains("emu:rt2860", Last());
    }

    [Fact]
    public void SetKeyPlacesAndReportsTheReasonEvenOnSuccess()
    {
        nint dev = Open("emu:rt2860");
        try
        {
            byte[] ap = [0x00, 0x09, 0x5b, 0xf9, 0xb6, 0x04];
            var del = (delegate* unmanaged<nint, byte*, int, uint, int>)&DeviceExports.DelKey;
            for (int k = 0; k < 4; k++) Assert.Equal(0, del(dev, null, k, 0));
            Assert.Equal(0, SetKey(dev, 3, ap, 0, new byte[32], new byte[6], 0, out int pl));
            Assert.Equal(1, pl);
            Assert.Contains("placed in hardware", Last());
            Assert.Equal(0, SetKey(dev, 6, ap, 1, new byte[16], [], 0, out pl, structSize: 56)); // older size: flags read as 0
            Assert.Equal(2, pl);
            Assert.Contains("no hardware engine", Last());
            Assert.Equal(-1, SetKey(dev, 3, ap, 0, new byte[32], [], 0, out pl, structSize: 40));
            Assert.Contains("struct_size 40", Last());
            Assert.Equal(-6, SetKey(dev, 6, ap, 2, new byte[16], [], 8, out _));
            Assert.Equal(-1, SetKey(dev, 3, ap, 0, new byte[16], [], 0, out _));

            nuint count;
            Assert.Equal(0, ((delegate* unmanaged<nint, nuint*, int>)&DeviceExports.KeyCount)(dev, &count));
            Assert.Equal(2u, (uint)count);
            var at = (delegate* unmanaged<nint, nuint, DeviceExports.RtDeviceKeyEntry*, int>)&DeviceExports.KeyAt;
            var e = new DeviceExports.RtDeviceKeyEntry { StructSize = 224 };
            Assert.Equal(0, at(dev, 0, &e));
            Assert.Equal(KeyTableMap.FirstStationWcid, e.Wcid);
            Assert.Equal(3, e.Cipher);
            Assert.Equal(1, e.Placement);
            Assert.Equal(1u, e.Flags);
            Assert.StartsWith("placed in hardware", Marshal.PtrToStringUTF8((nint)e.Reason));
            Assert.Equal(-1, at(dev, 2, &e));

            nint key;
            var get = (delegate* unmanaged<nint, byte*, int, uint, nint*, int>)&DeviceExports.GetKey;
            fixed (byte* a = ap)
            {
                Assert.Equal(0, get(dev, a, 0, 0, &key));
                Assert.NotNull(HandleTable.Get<RtDriver.Crypto.Frames.FrameKey>(key));
                HandleTable.Remove<RtDriver.Crypto.Frames.FrameKey>(key);
                Assert.Equal(-10, get(dev, a, 3, 0, &key));
                Assert.Equal(0, del(dev, a, 0, 0));
                Assert.Contains("cleared its hardware slot", Last());
            }
        }
        finally { Close(dev); }
    }
}
