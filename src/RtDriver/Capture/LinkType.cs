namespace RtDriver.Capture;

/// <summary>The pcap/pcapng link types (LINKTYPE_* values from tcpdump.org) this reader understands.</summary>
public static class LinkType
{
    public const int Ethernet = 1;
    /// <summary>Plain IEEE 802.11 frames (may or may not carry an FCS: nothing in the file says).</summary>
    public const int Ieee80211 = 105;
    /// <summary>Prism II monitor header (wlan-ng), then the 802.11 frame.</summary>
    public const int Prism = 119;
    /// <summary>Radiotap header, then the 802.11 frame; the Flags field says whether an FCS follows.</summary>
    public const int Radiotap = 127;
    /// <summary>AVS (AbsoluteValue Systems) monitor header, then the 802.11 frame.</summary>
    public const int Avs = 163;

    public static string Name(int linkType) => linkType switch
    {
        Ethernet => "Ethernet",
        Ieee80211 => "IEEE 802.11",
        Prism => "Prism II + 802.11",
        Radiotap => "radiotap + 802.11",
        Avs => "AVS + 802.11",
        _ => $"link type {linkType}",
    };

    public static bool IsWireless(int linkType) =>
        linkType is Ieee80211 or Prism or Radiotap or Avs;
}
