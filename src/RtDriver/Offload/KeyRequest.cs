using RtDriver.Hardware.Keys;

namespace RtDriver.Offload;

/// <summary>
/// One validated set_key request (rt_key_params). <see cref="Create"/> is the only way to get one:
/// every field is checked here, once, and a bad value is RT_ERR_INVALID_ARGUMENT naming it —
/// nothing later in the placement pass needs to re-check.
/// </summary>
public sealed class KeyRequest
{
    public const KeyFlags KnownFlags = KeyFlags.Pairwise | KeyFlags.Group | KeyFlags.ForceSoftware | KeyFlags.ForceHardware | KeyFlags.Mfp;

    /// <summary>The broadcast address group keys are listed under.</summary>
    public static ReadOnlySpan<byte> Broadcast => [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];

    private KeyRequest(RtCipher cipher, byte[] address, bool pairwise, int keyId, bool setTx, ulong rsc, int rscLength, byte[] key, KeyFlags flags)
    {
        Cipher = cipher;
        Address = address;
        IsPairwise = pairwise;
        KeyId = keyId;
        SetTx = setTx;
        Rsc = rsc;
        RscLength = rscLength;
        Key = key;
        Flags = flags;
    }

    public RtCipher Cipher { get; }
    /// <summary>Peer address for pairwise keys; ff:ff:ff:ff:ff:ff for group keys.</summary>
    public byte[] Address { get; }
    public bool IsPairwise { get; }
    public int KeyId { get; }
    public bool SetTx { get; }
    /// <summary>Initial receive counter (RSC), little-endian from EAPOL-Key; the last accepted PN.</summary>
    public ulong Rsc { get; }
    public int RscLength { get; }
    public byte[] Key { get; }
    public KeyFlags Flags { get; }

    public bool Has(KeyFlags f) => (Flags & f) != 0;

    /// <summary>Validates and copies a request. <paramref name="address"/> may be empty (no address).</summary>
    public static KeyRequest Create(int cipher, ReadOnlySpan<byte> address, bool hasAddress, int keyId, bool setTx,
                                    ReadOnlySpan<byte> seq, ReadOnlySpan<byte> key, KeyFlags flags)
    {
        if (cipher < (int)RtCipher.Wep40 || cipher > RtCipherInfo.MaxCipher)
            throw RtException.InvalidArgument(cipher == 0
                ? "set_key: cipher 0 (none) is not a key; to clear a key (wpa_supplicant's set_key alg=0) delete it with del_key"
                : $"set_key: cipher {cipher} is not an rt_cipher (1..{RtCipherInfo.MaxCipher})");
        var c = (RtCipher)cipher;
        string name = RtCipherInfo.NameOf(c);

        uint unknown = (uint)flags & ~(uint)KnownFlags;
        if (unknown != 0) throw RtException.InvalidArgument($"set_key: flags 0x{(uint)flags:x} has unknown bits 0x{unknown:x}");
        if ((flags & (KeyFlags.Pairwise | KeyFlags.Group)) == (KeyFlags.Pairwise | KeyFlags.Group))
            throw RtException.InvalidArgument($"set_key: flags 0x{(uint)flags:x} ask for both RT_KEY_PAIRWISE and RT_KEY_GROUP");
        if ((flags & (KeyFlags.ForceSoftware | KeyFlags.ForceHardware)) == (KeyFlags.ForceSoftware | KeyFlags.ForceHardware))
            throw RtException.InvalidArgument($"set_key: flags 0x{(uint)flags:x} ask for both RT_KEY_FORCE_SOFTWARE and RT_KEY_FORCE_HARDWARE");

        if (hasAddress && address.Length != 6) throw RtException.InvalidArgument($"set_key: address is {address.Length} bytes, not 6");
        bool unicast = hasAddress && (address[0] & 1) == 0;
        bool pairwise = (flags & KeyFlags.Pairwise) != 0 || ((flags & KeyFlags.Group) == 0 && unicast);
        if (pairwise && !unicast)
            throw RtException.InvalidArgument(hasAddress
                ? $"set_key: a pairwise key needs the peer's unicast address, got {MacAddress.Format(address)}"
                : "set_key: a pairwise key needs the peer's address (addr is NULL)");

        bool bip = RtCipherInfo.IsBipCipher(c);
        int maxKeyId = bip ? 5 : 3;
        int minKeyId = bip ? 4 : 0;
        if (keyId < minKeyId || keyId > maxKeyId)
            throw RtException.InvalidArgument($"set_key: key id {keyId} is out of range {minKeyId}..{maxKeyId} for {name}");
        if (bip && pairwise)
            throw RtException.InvalidArgument("set_key: a BIP key is a group (integrity) key, not a pairwise key");

        int expected = RtCipherInfo.KeyLengthOf(c);
        if (key.Length != expected)
            throw RtException.InvalidArgument($"set_key: key_len {key.Length} is wrong for {name} (needs {expected} bytes)");

        if (seq.Length > 8) throw RtException.InvalidArgument($"set_key: seq_len {seq.Length} is longer than an 8-byte RSC");
        ulong rsc = 0;
        for (int i = 0; i < seq.Length; i++) rsc |= (ulong)seq[i] << (8 * i);
        ulong max = RtCipherInfo.IsWepCipher(c) ? 0 : (1UL << 48) - 1;
        if (rsc > max)
            throw RtException.InvalidArgument(RtCipherInfo.IsWepCipher(c)
                ? $"set_key: WEP has no receive counter, but seq is 0x{rsc:x}"
                : $"set_key: RSC 0x{rsc:x} exceeds the 48-bit PN/TSC of {name}");

        byte[] addr = pairwise ? address.ToArray() : Broadcast.ToArray();
        return new KeyRequest(c, addr, pairwise, keyId, setTx, rsc, seq.Length, key.ToArray(), flags);
    }

    /// <summary>Wipes the request's copy of the key material.</summary>
    public void Wipe() => Array.Clear(Key);
}
