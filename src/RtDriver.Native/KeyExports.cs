using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RtDriver.Crypto.Frames;

namespace RtDriver.Native;

/*
 * Software keys (rt_key_*), docs/c-abi.md "Software keys and frame protection", plus these rtdriver
 * additions (declared in native/include/rtdriver.h):
 *
 * Ciphers 9 RT_CIPHER_BIP_GMAC128 (16-byte key), 10 RT_CIPHER_BIP_GMAC256 (32), 11
 * RT_CIPHER_BIP_CMAC256 (32); BIP key ids are 4..5. BIP keys protect management frames by
 * appending the Management MIC element (MME); decrypt verifies key id, IPN (replay counter
 * RT_RX_TID_MGMT) and MIC, and strips the MME.
 *
 * Replay counters: tid 0..15 QoS TIDs, 16 non-QoS data *and* management (setting 16 sets both
 * the non-QoS and the management counter; reading 16 returns the larger), 17 = RT_RX_TID_MGMT
 * the management counter alone (802.11 keeps robust management frames on their own counter),
 * -1 all. WEP has no replay protection: its counters are stored and returned but never checked.
 *
 * int rt_key_get_tx_pn(rt_key *key, uint64_t *next_pn);
 *     The PN/TSC/IPN (WEP: IV) the next protected frame gets.
 * int rt_key_set_frame_flags(rt_key *key, uint32_t flags);
 *     RT_FRAME_FLAG_PRE_HT_ORDER (1): 802.11i (pre-HT) rules — the Order bit never announces an
 *     HT Control field and is kept in the CCMP/GCMP AAD (the 802.11i test vectors need this).
 *     Default (0): HT rules — QoS data and management frames with Order = 1 carry HT Control,
 *     and Order is masked in the AAD of QoS data frames.
 *     RT_FRAME_FLAG_SPP_AMSDU (2): both peers are SPP A-MSDU capable — the A-MSDU Present bit of
 *     QoS Control is protected (kept in the AAD) instead of masked.
 * int rt_key_next_event(rt_key *key, rt_key_event *ev);
 *     Takes the oldest queued event (RT_OK; ev->type = RT_KEY_EVENT_NONE when none). Today the only
 *     event is RT_KEY_EVENT_MICHAEL_MIC_FAILURE: a TKIP frame (or reassembled MSDU) passed its
 *     ICV and replay checks but failed Michael. It says pairwise or group (Address 1 individual or
 *     group), the key id, the TSC and the transmitter address — what a supplicant's Michael MIC
 *     Failure Report needs. The queue keeps the latest 16 events. ev->struct_size must be at
 *     least 8; only the fields that fit in it are written.
 * int rt_key_get_countermeasures(rt_key *key, int *active);
 * int rt_key_clear_countermeasures(rt_key *key);
 *     TKIP countermeasures: a second Michael MIC failure within 60 s of the previous one makes the
 *     key refuse every encrypt and decrypt with RT_ERR_STATE (the failing frame itself returns
 *     RT_ERR_MIC and its event has countermeasures = 1). The supplicant reports, waits, rekeys,
 *     then calls rt_key_clear_countermeasures, which re-enables the key and forgets the failure
 *     history.
 */
internal static unsafe class KeyExports
{
    /// <summary>rt_key_event: the C layout (32 bytes).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct RtKeyEvent
    {
        public uint StructSize;
        public uint Type;
        public uint Group;
        public int KeyId;
        public ulong Tsc;
        public fixed byte SourceAddress[6];
        public byte Countermeasures;
        public byte Reserved;
    }

    internal static FrameKey? Key(nint handle) => HandleTable.Get<FrameKey>(handle);

    [UnmanagedCallersOnly(EntryPoint = "rt_key_new")]
    public static int New(int cipher, byte* key, nuint keyLength, int keyId, nint* output)
    {
        const string fn = "rt_key_new";
        try
        {
            if (output == null) return Abi.NullArgument(fn, "out");
            *output = 0;
            if (key == null) return Abi.NullArgument(fn, "key");
            if (keyLength > 64) return Abi.Fail(RtStatus.InvalidArgument, $"{fn}: key_len {keyLength} is longer than any cipher's key");
            var frameKey = FrameKey.Create((RtCipher)cipher, new ReadOnlySpan<byte>(key, (int)keyLength), keyId);
            *output = HandleTable.Add(frameKey);
            return 0;
        }
        catch (Exception e) { return Abi.Fail(e, fn); }
    }

    [UnmanagedCallersOnly(EntryPoint = "rt_key_free")]
    public static void Free(nint key)
    {
        try
        {
            // NULL, forged and already-freed handles are all harmless no-ops here.
            if (key != 0) HandleTable.Remove<FrameKey>(key);
        }
        catch { /* nothing may cross the boundary */ }
    }

    [UnmanagedCallersOnly(EntryPoint = "rt_key_set_tx_pn")]
    public static int SetTxPn(nint key, ulong next)
    {
        const string fn = "rt_key_set_tx_pn";
        try
        {
            var k = Key(key);
            if (k is null) return Abi.BadHandle(fn, "key", key);
            k.SetTxPn(next);
            return 0;
        }
        catch (Exception e) { return Abi.Fail(e, fn); }
    }

    [UnmanagedCallersOnly(EntryPoint = "rt_key_get_tx_pn")]
    public static int GetTxPn(nint key, ulong* next)
    {
        const string fn = "rt_key_get_tx_pn";
        try
        {
            var k = Key(key);
            if (k is null) return Abi.BadHandle(fn, "key", key);
            if (next == null) return Abi.NullArgument(fn, "next_pn");
            *next = k.NextTxPn;
            return 0;
        }
        catch (Exception e) { return Abi.Fail(e, fn); }
    }

    [UnmanagedCallersOnly(EntryPoint = "rt_key_set_rx_pn")]
    public static int SetRxPn(nint key, int tid, ulong last)
    {
        const string fn = "rt_key_set_rx_pn";
        try
        {
            var k = Key(key);
            if (k is null) return Abi.BadHandle(fn, "key", key);
            k.SetRxPn(tid, last);
            return 0;
        }
        catch (Exception e) { return Abi.Fail(e, fn); }
    }

    [UnmanagedCallersOnly(EntryPoint = "rt_key_get_rx_pn")]
    public static int GetRxPn(nint key, int tid, ulong* last)
    {
        const string fn = "rt_key_get_rx_pn";
        try
        {
            var k = Key(key);
            if (k is null) return Abi.BadHandle(fn, "key", key);
            if (last == null) return Abi.NullArgument(fn, "last_pn");
            *last = k.GetRxPn(tid);
            return 0;
        }
        catch (Exception e) { return Abi.Fail(e, fn); }
    }

    [UnmanagedCallersOnly(EntryPoint = "rt_key_set_frame_flags")]
    public static int SetFrameFlags(nint key, uint flags)
    {
        const string fn = "rt_key_set_frame_flags";
        try
        {
            var k = Key(key);
            if (k is null) return Abi.BadHandle(fn, "key", key);
            const uint known = (uint)(FrameOptions.PreHtOrderBit | FrameOptions.SppAmsdu);
            if ((flags & ~known) != 0) return Abi.Fail(RtStatus.InvalidArgument, $"{fn}: unknown flags 0x{flags & ~known:x} (known: 1 PRE_HT_ORDER, 2 SPP_AMSDU)");
            k.Options = (FrameOptions)flags;
            return 0;
        }
        catch (Exception e) { return Abi.Fail(e, fn); }
    }

    [UnmanagedCallersOnly(EntryPoint = "rt_key_next_event")]
    public static int NextEvent(nint key, RtKeyEvent* ev)
    {
        const string fn = "rt_key_next_event";
        try
        {
            var k = Key(key);
            if (k is null) return Abi.BadHandle(fn, "key", key);
            if (ev == null) return Abi.NullArgument(fn, "ev");
            uint size = ev->StructSize;
            if (size < 8) return Abi.Fail(RtStatus.InvalidArgument, $"{fn}: ev->struct_size {size} is too small (at least 8: struct_size and type)");
            var local = new RtKeyEvent { StructSize = size };
            if (k.TryDequeueEvent(out var e))
            {
                local.Type = (uint)e.Type;
                local.Group = e.Group ? 1u : 0u;
                local.KeyId = e.KeyId;
                local.Tsc = e.Tsc;
                e.CopySourceAddress(new Span<byte>(local.SourceAddress, 6));
                local.Countermeasures = e.CountermeasuresStarted ? (byte)1 : (byte)0;
            }
            // Older, smaller structs get only the fields that fit.
            int copy = (int)Math.Min(size, (uint)sizeof(RtKeyEvent));
            new ReadOnlySpan<byte>(&local, copy).Slice(4).CopyTo(new Span<byte>((byte*)ev + 4, copy - 4));
            return 0;
        }
        catch (Exception e) { return Abi.Fail(e, fn); }
    }

    [UnmanagedCallersOnly(EntryPoint = "rt_key_get_countermeasures")]
    public static int GetCountermeasures(nint key, int* active)
    {
        const string fn = "rt_key_get_countermeasures";
        try
        {
            var k = Key(key);
            if (k is null) return Abi.BadHandle(fn, "key", key);
            if (active == null) return Abi.NullArgument(fn, "active");
            *active = k.CountermeasuresActive ? 1 : 0;
            return 0;
        }
        catch (Exception e) { return Abi.Fail(e, fn); }
    }

    [UnmanagedCallersOnly(EntryPoint = "rt_key_clear_countermeasures")]
    public static int ClearCountermeasures(nint key)
    {
        const string fn = "rt_key_clear_countermeasures";
        try
        {
            var k = Key(key);
            if (k is null) return Abi.BadHandle(fn, "key", key);
            k.ClearCountermeasures();
            return 0;
        }
        catch (Exception e) { return Abi.Fail(e, fn); }
    }
}
