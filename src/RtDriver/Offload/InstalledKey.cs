using RtDriver.Crypto.Frames;
using RtDriver.Hardware.Keys;

namespace RtDriver.Offload;

/// <summary>
/// One key a device holds, wherever it lives. Every key — hardware or software — carries a
/// software twin (<see cref="Twin"/>, a working <see cref="FrameKey"/>): the frame path always has
/// a key to use, and a key whose hardware slot is lost (device gone, slot could not be kept)
/// simply continues in software with the same replay state — no frame is lost on the move.
/// While a key is in hardware the hardware owns its transmit counter (IV/EIV, docs/hardware.md §8.4); when it
/// moves to software the twin's TX PN is set past the hardware's (see <see cref="KeyOffload"/>).
/// </summary>
public sealed class InstalledKey
{
    // The validated request this key was set from: its cipher, address, key id, flags and RSC are
    // the installed key's (the key bytes in it are the caller's to wipe; the twin holds its own copy).
    private readonly KeyRequest _request;

    internal InstalledKey(long serial, KeyRequest request, FrameKey twin)
    {
        Serial = serial;
        _request = request;
        Twin = twin;
    }

    /// <summary>Increases with every set_key: tells a replaced key from its successor.</summary>
    public long Serial { get; }
    public RtCipher Cipher => _request.Cipher;
    public byte[] Address => _request.Address;
    public bool IsPairwise => _request.IsPairwise;
    public int KeyId => _request.KeyId;
    public bool SetTx => _request.SetTx;
    public ulong Rsc => _request.Rsc;
    public KeyFlags Flags => _request.Flags;
    public FrameKey Twin { get; }

    public KeyPlacement Placement { get; internal set; } = KeyPlacement.Software;
    /// <summary>Why the key is where it is: the hardware slot it verified in, or why software.</summary>
    public string Reason { get; internal set; } = "";
    /// <summary>Hardware WCID: the station WCID (pairwise) or 4·bss+keyid (group); -1 in software.</summary>
    public int Wcid { get; internal set; } = -1;
    /// <summary>BSS index of a group key in hardware (shared slot = 4·bss + key id).</summary>
    public int Bss { get; internal set; }
    internal HwCipher HwCipher { get; set; }
    /// <summary>The transmit counter written to the IV/EIV entry when the key went to hardware.</summary>
    internal ulong InitialTxCounter { get; set; }

    public string AddressText => MacAddress.Format(Address);
    public string CipherName => RtCipherInfo.NameOf(Cipher);
    public string PlacementName => Placement == KeyPlacement.Hardware ? "hardware" : "software";
    public string Kind => IsPairwise ? "pairwise" : "group";
}
