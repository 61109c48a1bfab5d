namespace RtDriver.Capture;

/// <summary>
/// Keeps the records of one BSS, the way airdecap-ng's <c>-b</c> picks them, so results match its
/// counts: the BSSID is Address 3 when neither ToDS nor FromDS is set (management frames, IBSS data),
/// Address 1 for ToDS, Address 2 for FromDS, and Address 2 (the transmitter) for 4-address WDS
/// frames. Control frames carry no BSSID and never match. EAPOL handshakes are data frames of the
/// BSS, so a filtered run still follows the handshakes of the network it keeps.
/// </summary>
public sealed class BssidFilter
{
    private readonly byte[] _bssid;

    public BssidFilter(ReadOnlySpan<byte> bssid)
    {
        if (bssid.Length != 6) throw RtException.InvalidArgument($"a BSSID has 6 bytes, not {bssid.Length}");
        _bssid = bssid.ToArray();
    }

    public ReadOnlySpan<byte> Bssid => _bssid;

    /// <summary>True when the record is an 802.11 management or data frame of this BSS.</summary>
    public bool Matches(in CaptureRecord record) =>
        WirelessFrame.TryExtract(record.LinkType, record.Data, out var frame, out _, out _, record.FcsLength)
        && TryGetBssid(frame.Span, out var bssid)
        && bssid.SequenceEqual(_bssid);

    /// <summary>The BSSID field of an 802.11 management or data frame (see the class summary).</summary>
    public static bool TryGetBssid(ReadOnlySpan<byte> frame, out ReadOnlySpan<byte> bssid)
    {
        bssid = default;
        const int HeaderLength = 24; // FC, duration, three addresses, sequence control
        if (frame.Length < HeaderLength) return false;
        int type = (frame[0] >> 2) & 3;
        if (type is not (0 or 2)) return false; // control frames (1) and the reserved/extension type (3)
        int offset = (frame[1] & 3) switch
        {
            0 => 16, // Address 3
            1 => 4,  // ToDS: Address 1 is the AP
            _ => 10, // FromDS: Address 2 is the AP; WDS: the transmitter stands for the BSS
        };
        bssid = frame.Slice(offset, 6);
        return true;
    }
}
