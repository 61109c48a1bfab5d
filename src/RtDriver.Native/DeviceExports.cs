using System.Runtime.InteropServices;
using System.Text;
using RtDriver.Device;
using RtDriver.Offload;

namespace RtDriver.Native;

/*
 * Devices (rt_device_*), docs/c-abi.md "Devices" and "Keys on a device", plus these rtdriver additions
 * (declared in native/include/rtdriver.h above @@DEVICE-ADDITIONS@@):
 *
 *   RT_KEY_MFP (16)               set_key/del_key flag: the link uses 802.11w → key stays in software.
 *   rt_device_set_role            station (default) or access point: the group keys' BSS index.
 *   rt_device_key_count / _at     the key listing (WCID, address, cipher, key id, placement, reason).
 *   rt_device_get_key             a new rt_key handle on a device key's software twin (frame path).
 *   rt_device_mcu_probe           an MCU command with its status byte and round-trip time.
 *
 * Gone devices: every call fails with RT_ERR_DEVICE_GONE except set_key (places in software, by
 * contract), the key listing and get_key (the keys live on in software), and close.
 */
internal static unsafe class DeviceExports
{
    /// <summary>rt_device_info, field for field (104 bytes on every ABI: no pointers, 4-byte alignment).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct RtDeviceInfo
    {
        public uint StructSize;
        public uint ChipId;
        public uint ChipRev;
        public uint RfId;
        public fixed byte Mac[6];
        public ushort Bus;
        public uint FirmwareLoaded;
        public uint FirmwareCrc;
        public uint HwKeySlots;
        public uint HwKeySlotsUsed;
        public fixed byte Name[64];
    }

    /// <summary>rt_key_params (64 bytes on LP64): pointers and size_t are native-sized.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct RtKeyParams
    {
        public uint StructSize;
        public int Cipher;
        public byte* Addr;
        public int KeyId;
        public int SetTx;
        public byte* Seq;
        public nuint SeqLen;
        public byte* Key;
        public nuint KeyLen;
        public uint Flags;
    }

    /// <summary>rt_device_key_entry (rtdriver addition): 224 bytes.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct RtDeviceKeyEntry
    {
        public uint StructSize;
        public int Wcid;
        public fixed byte Addr[6];
        public ushort Reserved;
        public int Cipher;
        public int KeyId;
        public uint Flags;
        public int Placement;
        public fixed byte Reason[ReasonBytes];
    }

    internal const int ReasonBytes = 192;

    /// <summary>rt_key_params up to and including key_len: the smallest struct_size accepted (flags then read as 0).</summary>
    internal static readonly int KeyParamsMinSize = (int)Marshal.OffsetOf<RtKeyParams>(nameof(RtKeyParams.Flags));
    internal static readonly int KeyParamsFlagsEnd = KeyParamsMinSize + sizeof(uint);

    internal static RtDevice? Dev(nint handle) => HandleTable.Get<RtDevice>(handle);

    [UnmanagedCallersOnly(EntryPoint = "rt_device_open")]
    public static int Open(byte* spec, nint* output)
    {
        const string fn = "rt_device_open";
        try
        {
            if (output == null) return Abi.NullArgument(fn, "out");
            *output = 0;
            if (spec == null) return Abi.NullArgument(fn, "spec");
            string? s = Marshal.PtrToStringUTF8((nint)spec);
            var dev = RtDevice.Open(s);
            try
            {
                *output = HandleTable.Add(dev);
            }
            catch
            {
                dev.Dispose();
                throw;
            }
            LastError.Set($"opened {dev.Identity.Name}: {dev.Identity.Summary}");
            return 0;
        }
        catch (Exception e) { return Abi.Fail(e, fn); }
    }

    [UnmanagedCallersOnly(EntryPoint = "rt_device_close")]
    public static void Close(nint dev)
    {
        try
        {
            if (dev != 0) HandleTable.Remove<RtDevice>(dev)?.Dispose();
        }
        catch { /* nothing may cross the boundary */ }
    }

    [UnmanagedCallersOnly(EntryPoint = "rt_device_get_info")]
    public static int GetInfo(nint dev, RtDeviceInfo* info)
    {
        const string fn = "rt_device_get_info";
        try
        {
            var d = Dev(dev);
            if (d is null) return Abi.BadHandle(fn, "dev", dev);
            if (info == null) return Abi.NullArgument(fn, "info");
            uint size = info->StructSize;
            if (size < sizeof(uint))
                return Abi.Fail(RtStatus.InvalidArgument, $"{fn}: info->struct_size {size} is too small (set it to sizeof(rt_device_info) = {sizeof(RtDeviceInfo)})");
            var i = d.GetInfo();
            RtDeviceInfo local = default;
            local.StructSize = size;
            local.ChipId = i.ChipId;
            local.ChipRev = i.ChipRev;
            local.RfId = i.RfId;
            for (int k = 0; k < 6; k++) local.Mac[k] = i.Mac[k];
            local.Bus = (ushort)i.Bus;
            local.FirmwareLoaded = i.FirmwareLoaded ? 1u : 0u;
            local.FirmwareCrc = i.FirmwareCrc;
            local.HwKeySlots = i.HwKeySlots;
            local.HwKeySlotsUsed = i.HwKeySlotsUsed;
            WriteString(i.Name, new Span<byte>(local.Name, 64));
            // An older (smaller) struct gets exactly the bytes it has room for.
            int n = (int)Math.Min(size, (uint)sizeof(RtDeviceInfo));
            new ReadOnlySpan<byte>(&local, n).CopyTo(new Span<byte>(info, n));
            return 0;
        }
        catch (Exception e) { return Abi.Fail(e, fn); }
    }

    [UnmanagedCallersOnly(EntryPoint = "rt_device_load_firmware")]
    public static int LoadFirmware(nint dev, byte* path)
    {
        const string fn = "rt_device_load_firmware";
        try
        {
            var d = Dev(dev);
            if (d is null) return Abi.BadHandle(fn, "dev", dev);
            var r = d.LoadFirmware(path == null ? null : Marshal.PtrToStringUTF8((nint)path));
            LastError.Set($"loaded firmware {r.Image.Source} version {r.Version}, {r.PayloadLength} bytes, CRC 0x{r.PayloadCrc:x4}");
            return 0;
        }
        catch (Exception e) { return Abi.Fail(e, fn); }
    }

    [UnmanagedCallersOnly(EntryPoint = "rt_device_load_firmware_mem")]
    public static int LoadFirmwareMem(nint dev, byte* image, nuint length)
    {
        const string fn = "rt_device_load_firmware_mem";
        try
        {
            var d = Dev(dev);
            if (d is null) return Abi.BadHandle(fn, "dev", dev);
            if (image == null) return Abi.NullArgument(fn, "image");
            // The bound every path-based read uses too (8192: the 8051's program RAM); refused unread.
            if (length > (nuint)RtDevice.MaxFirmwareImageSize)
                return Abi.Fail(RtStatus.BadFirmware,
                    $"{fn}: len {length} is larger than the largest RT2860-class firmware image ({RtDevice.MaxFirmwareImageSize} bytes)");
            var r = d.LoadFirmware(new ReadOnlySpan<byte>(image, (int)length));
            LastError.Set($"loaded firmware version {r.Version}, {r.PayloadLength} bytes, CRC 0x{r.PayloadCrc:x4}");
            return 0;
        }
        catch (Exception e) { return Abi.Fail(e, fn); }
    }

    [UnmanagedCallersOnly(EntryPoint = "rt_device_mcu_command")]
    public static int McuCommand(nint dev, byte command, byte arg0, byte arg1)
    {
        const string fn = "rt_device_mcu_command";
        try
        {
            var d = Dev(dev);
            if (d is null) return Abi.BadHandle(fn, "dev", dev);
            var r = d.McuCommand(command, arg0, arg1);
            // OpenBSD's rule (docs/hardware.md §6.3): a status other than 1 is a failed command.
            if (r.StatusByte != McuCommands.StatusSuccess && r.StatusByte != McuCommands.NoStatus)
                return Abi.Fail(RtStatus.Io, $"{fn}: the MCU answered command 0x{command:x2} with status {r.StatusByte} (1 = success)");
            LastError.Set($"MCU command 0x{command:x2} answered in {r.RoundTripMicroseconds} µs");
            return 0;
        }
        catch (Exception e) { return Abi.Fail(e, fn); }
    }

    [UnmanagedCallersOnly(EntryPoint = "rt_device_mcu_probe")]
    public static int McuProbe(nint dev, byte command, byte arg0, byte arg1, uint* mcuStatus, ulong* roundTripUs)
    {
        const string fn = "rt_device_mcu_probe";
        try
        {
            var d = Dev(dev);
            if (d is null) return Abi.BadHandle(fn, "dev", dev);
            if (mcuStatus != null) *mcuStatus = 0;
            if (roundTripUs != null) *roundTripUs = 0;
            var r = d.McuCommand(command, arg0, arg1);
            if (mcuStatus != null) *mcuStatus = r.StatusByte;
            if (roundTripUs != null) *roundTripUs = (ulong)Math.Max(0, r.RoundTripMicroseconds);
            LastError.Set($"MCU command 0x{command:x2}: status {r.StatusByte}, {r.RoundTripMicroseconds} µs");
            return 0;
        }
        catch (Exception e) { return Abi.Fail(e, fn); }
    }

    [UnmanagedCallersOnly(EntryPoint = "rt_device_read32")]
    public static int Read32(nint dev, uint offset, uint* value)
    {
        const string fn = "rt_device_read32";
        try
        {
            var d = Dev(dev);
            if (d is null) return Abi.BadHandle(fn, "dev", dev);
            if (value == null) return Abi.NullArgument(fn, "value");
            *value = d.Read32(offset);
            return 0;
        }
        catch (Exception e) { return Abi.Fail(e, fn); }
    }

    [UnmanagedCallersOnly(EntryPoint = "rt_device_write32")]
    public static int Write32(nint dev, uint offset, uint value)
    {
        const string fn = "rt_device_write32";
        try
        {
            var d = Dev(dev);
            if (d is null) return Abi.BadHandle(fn, "dev", dev);
            d.Write32(offset, value);
            return 0;
        }
        catch (Exception e) { return Abi.Fail(e, fn); }
    }

    [UnmanagedCallersOnly(EntryPoint = "rt_device_set_key")]
    public static int SetKey(nint dev, RtKeyParams* p, int* placement)
    {
        const string fn = "rt_device_set_key";
        try
        {
            if (placement != null) *placement = 0;
            var d = Dev(dev);
            if (d is null) return Abi.BadHandle(fn, "dev", dev);
            if (p == null) return Abi.NullArgument(fn, "params");
            uint size = p->StructSize;
            if (size < KeyParamsMinSize)
                return Abi.Fail(RtStatus.InvalidArgument, $"{fn}: params->struct_size {size} is smaller than rt_key_params up to key_len ({KeyParamsMinSize}; sizeof is {sizeof(RtKeyParams)})");
            uint flags = size >= KeyParamsFlagsEnd ? p->Flags : 0;
            if (p->KeyLen > 64) return Abi.Fail(RtStatus.InvalidArgument, $"{fn}: key_len {p->KeyLen} is longer than any cipher's key");
            if (p->SeqLen > 16) return Abi.Fail(RtStatus.InvalidArgument, $"{fn}: seq_len {p->SeqLen} is longer than an 8-byte RSC");
            if (p->Key == null && p->KeyLen != 0) return Abi.NullArgument(fn, "params->key");
            if (p->Seq == null && p->SeqLen != 0) return Abi.NullArgument(fn, "params->seq");
            var request = KeyRequest.Create(p->Cipher,
                p->Addr == null ? default : new ReadOnlySpan<byte>(p->Addr, 6), p->Addr != null,
                p->KeyId, p->SetTx != 0,
                p->Seq == null ? default : new ReadOnlySpan<byte>(p->Seq, (int)p->SeqLen),
                p->Key == null ? default : new ReadOnlySpan<byte>(p->Key, (int)p->KeyLen),
                (KeyFlags)flags);
            try
            {
                var key = d.SetKey(request);
                if (placement != null) *placement = (int)key.Placement;
                LastError.Set(key.Reason); // the reason is news on success too
                return 0;
            }
            finally
            {
                request.Wipe();
            }
        }
        catch (Exception e) { return Abi.Fail(e, fn); }
    }

    [UnmanagedCallersOnly(EntryPoint = "rt_device_del_key")]
    public static int DelKey(nint dev, byte* addr, int keyId, uint flags)
    {
        const string fn = "rt_device_del_key";
        try
        {
            var d = Dev(dev);
            if (d is null) return Abi.BadHandle(fn, "dev", dev);
            d.DelKey(addr == null ? default : new ReadOnlySpan<byte>(addr, 6), addr != null, keyId, (KeyFlags)flags, out var detail);
            LastError.Set(detail);
            return 0;
        }
        catch (Exception e) { return Abi.Fail(e, fn); }
    }

    [UnmanagedCallersOnly(EntryPoint = "rt_device_set_role")]
    public static int SetRole(nint dev, int role)
    {
        const string fn = "rt_device_set_role";
        try
        {
            var d = Dev(dev);
            if (d is null) return Abi.BadHandle(fn, "dev", dev);
            d.SetRole(role);
            return 0;
        }
        catch (Exception e) { return Abi.Fail(e, fn); }
    }

    [UnmanagedCallersOnly(EntryPoint = "rt_device_key_count")]
    public static int KeyCount(nint dev, nuint* count)
    {
        const string fn = "rt_device_key_count";
        try
        {
            var d = Dev(dev);
            if (d is null) return Abi.BadHandle(fn, "dev", dev);
            if (count == null) return Abi.NullArgument(fn, "count");
            *count = (nuint)d.ListKeys().Count;
            return 0;
        }
        catch (Exception e) { return Abi.Fail(e, fn); }
    }

    [UnmanagedCallersOnly(EntryPoint = "rt_device_key_at")]
    public static int KeyAt(nint dev, nuint index, RtDeviceKeyEntry* entry)
    {
        const string fn = "rt_device_key_at";
        try
        {
            var d = Dev(dev);
            if (d is null) return Abi.BadHandle(fn, "dev", dev);
            if (entry == null) return Abi.NullArgument(fn, "entry");
            uint size = entry->StructSize;
            if (size < sizeof(uint))
                return Abi.Fail(RtStatus.InvalidArgument, $"{fn}: entry->struct_size {size} is too small (set it to sizeof(rt_device_key_entry) = {sizeof(RtDeviceKeyEntry)})");
            var keys = d.ListKeys();
            if (index >= (nuint)keys.Count)
                return Abi.Fail(RtStatus.InvalidArgument, $"{fn}: index {index} is out of range (the device holds {keys.Count} keys)");
            var k = keys[(int)index];
            RtDeviceKeyEntry local = default;
            local.StructSize = size;
            local.Wcid = k.Wcid;
            for (int i = 0; i < 6; i++) local.Addr[i] = k.Address[i];
            local.Cipher = (int)k.Cipher;
            local.KeyId = k.KeyId;
            local.Flags = (uint)(k.Flags & ~(KeyFlags.Pairwise | KeyFlags.Group)) | (uint)(k.IsPairwise ? KeyFlags.Pairwise : KeyFlags.Group);
            local.Placement = (int)k.Placement;
            WriteString(k.Reason, new Span<byte>(local.Reason, ReasonBytes));
            int n = (int)Math.Min(size, (uint)sizeof(RtDeviceKeyEntry));
            new ReadOnlySpan<byte>(&local, n).CopyTo(new Span<byte>(entry, n));
            return 0;
        }
        catch (Exception e) { return Abi.Fail(e, fn); }
    }

    [UnmanagedCallersOnly(EntryPoint = "rt_device_get_key")]
    public static int GetKey(nint dev, byte* addr, int keyId, uint flags, nint* output)
    {
        const string fn = "rt_device_get_key";
        try
        {
            if (output == null) return Abi.NullArgument(fn, "out");
            *output = 0;
            var d = Dev(dev);
            if (d is null) return Abi.BadHandle(fn, "dev", dev);
            var key = d.FindKey(addr == null ? default : new ReadOnlySpan<byte>(addr, 6), addr != null, keyId, (KeyFlags)flags);
            if (key is null)
                return Abi.Fail(RtStatus.NoKey, addr == null
                    ? $"{fn}: no group key id {keyId} on this device"
                    : $"{fn}: no key id {keyId} for {MacAddress.Format(new ReadOnlySpan<byte>(addr, 6))} on this device");
            *output = HandleTable.Add(key.Twin);
            LastError.Set($"{key.Kind} {key.CipherName} key id {key.KeyId} ({key.PlacementName}): {key.Reason}");
            return 0;
        }
        catch (Exception e) { return Abi.Fail(e, fn); }
    }

    /// <summary>UTF-8 into a fixed char array, NUL-terminated, truncated on a character boundary.</summary>
    internal static void WriteString(string text, Span<byte> destination)
    {
        destination.Clear();
        var bytes = Encoding.UTF8.GetBytes(text);
        int n = Math.Min(bytes.Length, destination.Length - 1);
        while (n > 0 && n < bytes.Length && (bytes[n] & 0xC0) == 0x80) n--; // never split a multi-byte character
        bytes.AsSpan(0, n).CopyTo(destination);
    }
}
