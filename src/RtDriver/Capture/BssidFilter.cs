namespace RtDriver.Capture;

/// <summary>
/// Keeps the records of one BSS, the way airdecap-ng's <c>-b</c> picks them, so results match its
/// counts: the BSSID is Address 3 when neither ToDS nor FromDS is set (management frames, IBSS data),
/// Address 1 for ToDS, Address 2 for FromDS. A 4-address WDS frame links two APs and belongs to both:
/// it matches when its receiver (Address 1) or its transmitter (Address 2) is the BSSID, which is what
/// reproduces airdecap-ng 1.7's count on capture_wds-01.cap (46 frames with -b 00:11:22:00:00:00, both
/// directions of the link). Control frames carry no BSSID and never match. EAPOL handshakes are data frames of the
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
        && Matches(frame.Span);

    /// <summary>True when the 802.11 frame (no capture header, FCS stripped or not) belongs to this BSS.</summary>
    public bool Matches(ReadOnlySpan<byte> frame)
    {
        const int HeaderLength = 24; // FC, duration, three addresses, sequence control
        const int Address1 = 4, Address2 = 10, Address3 = 16;
        if (frame.Length < HeaderLength) return false;
        int type = (frame[0] >> 2) & 3;
        if (type is not (0 or 2)) return false; // control frames (1) and the extension type (3)
        return (frame[1] & 3) switch
        {
            0 => Is(frame, Address3),
            1 => Is(frame, Address1),                          // ToDS: the receiver is the AP
            2 => Is(frame, Address2),                          // FromDS: the transmitter is the AP
            _ => Is(frame, Address1) || Is(frame, Address2),   // WDS: either end of the AP-to-AP link
        };
    }

    private bool Is(ReadOnlySpan<byte> frame, int offset) => frame.Slice(offset, 6).SequenceEqual(_bssid);
}
