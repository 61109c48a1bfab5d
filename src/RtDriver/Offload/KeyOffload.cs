using System.Security.Cryptography;
using RtDriver.Crypto.Frames;
using RtDriver.Hardware.Keys;

namespace RtDriver.Offload;

/// <summary>
/// The offload policy behind set_key, in one pass (architecture.md flow 1):
/// validate (done by <see cref="KeyRequest.Create"/>) → build the software twin → can the chip
/// take this key at all (cipher, MFP, TKIP on USB, device state, RT_KEY_FORCE_SOFTWARE)? →
/// pick the slot (station WCID / shared slot 4·bss+keyid) → write key, IV/EIV, attribute with
/// read-back → placed in hardware. Any "no" places the key in software with the reason; only
/// RT_KEY_FORCE_HARDWARE turns a "no" into an error. The caller (the device) serialises calls.
/// </summary>
public sealed class KeyOffload
{
    /// <summary>Keys one device holds at most (hardware + software): bounds memory against a runaway caller.</summary>
    public const int MaxKeys = 1024;

    /// <summary>
    /// How far a key's software twin jumps ahead of the last transmit counter known for the
    /// hardware when the key moves from hardware to software and the hardware's counter cannot be
    /// read (device gone): a PN must never be sent twice, receivers accept any larger PN.
    /// </summary>
    public const ulong FailoverPnMargin = 1UL << 20;

    private readonly IKeyOffloadHost _host;
    private readonly WcidAllocator _wcids;
    private readonly List<InstalledKey> _keys = [];
    private long _serial;

    public KeyOffload(IKeyOffloadHost host, WcidAllocator? wcids = null)
    {
        _host = host;
        _wcids = wcids ?? new WcidAllocator();
    }

    public IReadOnlyList<InstalledKey> Keys => _keys;

    /// <summary>Pairwise (station WCID) slots this driver uses (rt_device_info.hw_key_slots).</summary>
    public int HardwareSlots => _wcids.Capacity;

    /// <summary>Station WCIDs in use, including any that could not be cleared (kept out of use).</summary>
    public int HardwareSlotsUsed => _wcids.InUse;

    /// <summary>Places a key; returns it with <see cref="InstalledKey.Placement"/> and <see cref="InstalledKey.Reason"/> set.</summary>
    public InstalledKey Place(KeyRequest req)
    {
        var existing = Find(req.IsPairwise, req.Address, req.KeyId);
        if (existing is null && _keys.Count >= MaxKeys)
            throw new RtException(RtStatus.NoMemory, $"set_key: this device already holds {MaxKeys} keys; delete some first");

        var twin = FrameKey.Create(req.Cipher, req.Key, req.KeyId);
        if (!RtCipherInfo.IsWepCipher(req.Cipher)) twin.SetRxPn(-1, req.Rsc);
        ulong tx = InitialTxCounter(req.Cipher);
        twin.SetTxPn(tx);
        var key = new InstalledKey(++_serial, req, twin) { InitialTxCounter = tx };

        // Can the chip take this key at all?
        string? refusal = Refusal(req, out var refusalStatus);
        int wcid = -1, bss = 0;
        bool allocated = false;
        HwCipherMap.TryMap(req.Cipher, out var code);
        if (refusal is null)
        {
            if (req.IsPairwise)
            {
                if (existing is { Placement: KeyPlacement.Hardware }) wcid = existing.Wcid; // rekey in place
                else if (_keys.FirstOrDefault(k => k.IsPairwise && k.Placement == KeyPlacement.Hardware && k.Address.AsSpan().SequenceEqual(req.Address)) is { } other)
                {
                    refusal = $"WCID {other.Wcid} of {other.AddressText} already holds its pairwise key id {other.KeyId}; the hardware keeps one pairwise key per peer";
                    refusalStatus = RtStatus.Unsupported;
                }
                else if ((wcid = _wcids.Allocate()) < 0)
                {
                    refusal = $"no free WCID: all {_wcids.Capacity} station slots ({_wcids.First}..{_wcids.Last}) hold keys";
                    refusalStatus = RtStatus.NoMemory;
                }
                else allocated = true;
            }
            else
            {
                bss = _host.GroupBssIndex;
                wcid = KeyTableMap.SharedKeyIndex(bss, req.KeyId);
            }
        }
        if (refusal is not null)
        {
            if (req.Has(KeyFlags.ForceHardware))
                throw new RtException(refusalStatus, $"set_key: RT_KEY_FORCE_HARDWARE, but the key cannot go to hardware: {refusal}");
            Commit(existing, key, KeyPlacement.Software, $"placed in software: {refusal}");
            return key;
        }

        // Write and verify.
        var entry = new byte[KeyTableMap.KeyEntrySize];
        TkipMicOrder.BuildKeyEntry(req.Cipher, req.Key, entry);
        var spec = new HwKeySpec(code, entry, req.KeyId, tx, bss);
        KeyTableResult result = default;
        RtException? failure = null;
        try
        {
            result = req.IsPairwise ? _host.Tables.InstallPairwise(wcid, req.Address, spec) : _host.Tables.InstallShared(bss, req.KeyId, spec);
        }
        catch (RtException e)
        {
            failure = e;
        }
        finally
        {
            spec.Wipe();
        }

        if (failure is null && result.Verified)
        {
            key.Placement = KeyPlacement.Hardware;
            key.Wcid = wcid;
            key.Bss = bss;
            key.HwCipher = code;
            uint at = req.IsPairwise ? KeyTableMap.PairwiseKeyEntry(wcid) : KeyTableMap.SharedKeyEntry(bss, req.KeyId);
            string where = req.IsPairwise ? $"WCID {wcid}" : $"shared slot {wcid} (BSS {bss}, key id {req.KeyId})";
            // The old key (if any) lived in this very slot, which now holds the new key.
            if (existing is not null) _keys.Remove(existing);
            _keys.Add(key);
            key.Reason = $"placed in hardware: {key.Kind} {key.CipherName} key at {where}, key entry 0x{at:x4}, every write verified by read-back";
            return key;
        }

        bool gone = _host.CheckGone(failure);
        string why = gone
            ? $"the device is gone: it stopped answering while the key was written (RT_ERR_DEVICE_GONE){(failure is null ? "" : ": " + failure.Message)}"
            : failure is not null
                ? $"the key-table write failed ({failure.Status.Name()}): {failure.Message}"
                : $"the key did not stick in hardware: {result.Detail}";
        // A failed install rolled its slot back (HardwareKeyTables); after an exception make sure.
        bool slotClean = failure is null || (!gone && TryClear(req.IsPairwise, wcid, bss, req.KeyId) is null);
        if (req.IsPairwise && allocated)
        {
            if (slotClean) _wcids.Release(wcid); // else: keep the WCID out of use, its contents are unknown
        }
        if (existing is { Placement: KeyPlacement.Hardware })
            MoveToSoftware(existing, $"its hardware slot was overwritten by a replacement that failed: {why}", canReadCounter: false);
        if (req.Has(KeyFlags.ForceHardware))
        {
            var status = gone ? RtStatus.DeviceGone : failure?.Status ?? RtStatus.Io;
            throw new RtException(status, $"set_key: RT_KEY_FORCE_HARDWARE, but the key could not be placed in hardware: {why}");
        }
        Commit(existing, key, KeyPlacement.Software, $"placed in software: {why}");
        return key;
    }

    /// <summary>
    /// Removes a key. Returns the removed key, or null when there was none (deleting a key that is
    /// not there succeeds quietly: supplicants clear all four key ids at start-up).
    /// <paramref name="detail"/> tells what happened to the hardware slot.
    /// </summary>
    public InstalledKey? Remove(bool pairwise, ReadOnlySpan<byte> address, int keyId, out string detail)
    {
        var key = Find(pairwise, address, keyId);
        if (key is null)
        {
            detail = pairwise
                ? $"no pairwise key id {keyId} for {MacAddress.Format(address)}: nothing to delete"
                : $"no group key id {keyId}: nothing to delete";
            return null;
        }
        _keys.Remove(key);
        detail = key.Placement == KeyPlacement.Hardware
            ? ClearHardwareSlot(key) is { } problem
                ? $"deleted {key.Kind} key id {key.KeyId}, but its hardware slot (WCID {key.Wcid}) could not be cleared and is kept out of use: {problem}"
                : $"deleted {key.Kind} key id {key.KeyId} and cleared its hardware slot (WCID {key.Wcid})"
            : $"deleted {key.Kind} key id {key.KeyId} (software)";
        return key;
    }

    /// <summary>The key with this identity: pairwise by (address, key id), group by key id.</summary>
    public InstalledKey? Find(bool pairwise, ReadOnlySpan<byte> address, int keyId)
    {
        foreach (var k in _keys)
        {
            if (k.IsPairwise != pairwise || k.KeyId != keyId) continue;
            if (pairwise && !k.Address.AsSpan().SequenceEqual(address)) continue;
            return k;
        }
        return null;
    }

    /// <summary>
    /// Moves every hardware key to software (the device is gone or was reset): each keeps its twin,
    /// so the frame path continues without a gap.
    /// </summary>
    public void MoveAllToSoftware(string reason, bool canReadCounters)
    {
        foreach (var k in _keys)
            if (k.Placement == KeyPlacement.Hardware) MoveToSoftware(k, reason, canReadCounters);
    }

    private void MoveToSoftware(InstalledKey key, string reason, bool canReadCounter)
    {
        if (!RtCipherInfo.IsWepCipher(key.Cipher))
        {
            ulong next = key.InitialTxCounter + FailoverPnMargin;
            if (canReadCounter)
            {
                try { next = Math.Max(key.Twin.NextTxPn, _host.Tables.ReadTxCounter(key.Wcid, key.HwCipher) + 1); }
                catch (RtException) { /* keep the margin */ }
            }
            next = Math.Max(next, key.Twin.NextTxPn);
            if (next <= IvEivEntry.MaxPn) key.Twin.SetTxPn(next);
        }
        int wcid = key.Wcid;
        key.Placement = KeyPlacement.Software;
        key.Reason = $"moved to software (was in hardware at WCID {wcid}): {reason}";
        key.Wcid = -1;
        if (key.IsPairwise) _wcids.Release(wcid); // the device is gone or the slot was overwritten
    }

    private void Commit(InstalledKey? existing, InstalledKey key, KeyPlacement placement, string reason)
    {
        if (existing is not null)
        {
            _keys.Remove(existing);
            if (existing.Placement == KeyPlacement.Hardware) ClearHardwareSlot(existing);
        }
        key.Placement = placement;
        key.Reason = reason;
        _keys.Add(key);
    }

    /// <summary>Clears a hardware key's slot; returns null when done, else what went wrong (slot kept out of use).</summary>
    private string? ClearHardwareSlot(InstalledKey key)
    {
        string? problem = TryClear(key.IsPairwise, key.Wcid, key.Bss, key.KeyId);
        if (key.IsPairwise && problem is null) _wcids.Release(key.Wcid);
        return problem;
    }

    private string? TryClear(bool pairwise, int wcid, int bss, int keyId)
    {
        if (_host.HardwareUnavailableReason is { } unavailable) return unavailable;
        try
        {
            var r = pairwise ? _host.Tables.RemovePairwise(wcid) : _host.Tables.RemoveShared(bss, keyId);
            if (r.Verified) return null;
            _host.CheckGone(null);
            return r.Detail;
        }
        catch (RtException e)
        {
            _host.CheckGone(e);
            return $"{e.Status.Name()}: {e.Message}";
        }
    }

    private string? Refusal(KeyRequest req, out RtStatus status)
    {
        status = RtStatus.Unsupported;
        if (req.Has(KeyFlags.ForceSoftware)) return "RT_KEY_FORCE_SOFTWARE asked for software";
        if (!HwCipherMap.TryMap(req.Cipher, out _))
            return $"{RtCipherInfo.NameOf(req.Cipher)} has no hardware engine on the RT2860 MAC (it encrypts WEP40/104, TKIP and CCMP only)";
        if (req.Has(KeyFlags.Mfp))
            return "the link uses management frame protection (RT_KEY_MFP), which the MAC cannot do; its keys stay in software, as Linux keeps them";
        if (req.Cipher == RtCipher.Tkip && _host.IsUsb)
            return "TKIP is not offloaded on USB chips (Linux's rt2800usb keeps TKIP in software on them too)";
        if (_host.HardwareUnavailableReason is { } why)
        {
            status = RtStatus.DeviceGone;
            return why;
        }
        return null;
    }

    /// <summary>
    /// First transmit counter: PN/TSC 1 (the first frame sent carries 1); WEP a random 24-bit IV
    /// that avoids the FMS weak-IV class (IV1 = 0xFF with 3 ≤ IV0 &lt; 16), as OpenBSD does.
    /// </summary>
    private static ulong InitialTxCounter(RtCipher cipher)
    {
        if (!RtCipherInfo.IsWepCipher(cipher)) return 1;
        Span<byte> iv = stackalloc byte[3];
        do RandomNumberGenerator.Fill(iv);
        while (iv[1] == 0xFF && iv[0] >= 3 && iv[0] < 16);
        return ((ulong)iv[0] << 16) | ((ulong)iv[1] << 8) | iv[2];
    }
}
