using System.Buffers.Binary;

namespace RtDriver.Wpa;

/// <summary>Key Information bits of an EAPOL-Key frame (IEEE 802.11 12.7.2).</summary>
[Flags]
public enum KeyInfo : ushort
{
    DescriptorVersionMask = 0x0007,
    Pairwise = 0x0008,
    KeyIndexMask = 0x0030,   // WPA1 group key index
    Install = 0x0040,
    Ack = 0x0080,
    Mic = 0x0100,
    Secure = 0x0200,
    Error = 0x0400,
    Request = 0x0800,
    EncryptedKeyData = 0x1000,
}

/// <summary>Which message of the 4-way or group key handshake an EAPOL-Key frame is.</summary>
public enum EapolKeyMessage { Unknown, Pairwise1, Pairwise2, Pairwise3, Pairwise4, Group1, Group2 }

/// <summary>
/// A parsed EAPOL-Key frame (802.1X type 3, descriptor 2 = RSN or 254 = WPA1). The offsets follow
/// IEEE 802.11 Figure 12-32 with a 16-byte MIC (all AKMs this tool supports).
/// </summary>
public sealed class EapolKey
{
    public const byte DescriptorRsn = 2;
    public const byte DescriptorWpa = 254;
    /// <summary>Offset of the MIC field from the start of the 802.1X header.</summary>
    public const int MicOffset = 4 + 77;
    public const int MicLength = 16;
    private const int FixedLength = 4 + 95;

    /// <summary>The whole EAPOL PDU (802.1X header + body, trailing padding removed), for the MIC.</summary>
    public required byte[] Pdu { get; init; }
    public byte DescriptorType { get; init; }
    public KeyInfo Info { get; init; }
    public int DescriptorVersion => (int)(Info & KeyInfo.DescriptorVersionMask);
    public int WpaKeyIndex => ((int)(Info & KeyInfo.KeyIndexMask)) >> 4;
    public int KeyLength { get; init; }
    public ulong ReplayCounter { get; init; }
    public ReadOnlyMemory<byte> Nonce => Pdu.AsMemory(4 + 13, 32);
    public ReadOnlyMemory<byte> KeyIv => Pdu.AsMemory(4 + 45, 16);
    public ReadOnlyMemory<byte> Rsc => Pdu.AsMemory(4 + 61, 8);
    public ReadOnlyMemory<byte> Mic => Pdu.AsMemory(MicOffset, MicLength);
    public ReadOnlyMemory<byte> KeyData { get; init; }

    public bool Has(KeyInfo bit) => (Info & bit) != 0;
    public bool NonceIsZero => !Nonce.Span.ContainsAnyExcept((byte)0);

    /// <summary>The handshake message, from the Key Information bits (802.11 12.7.6, 12.7.7; WPA1 alike).</summary>
    public EapolKeyMessage Message
    {
        get
        {
            if (Has(KeyInfo.Request) || Has(KeyInfo.Error)) return EapolKeyMessage.Unknown;
            if (Has(KeyInfo.Pairwise))
            {
                if (Has(KeyInfo.Ack))
                    return Has(KeyInfo.Mic) ? EapolKeyMessage.Pairwise3 : EapolKeyMessage.Pairwise1;
                if (!Has(KeyInfo.Mic)) return EapolKeyMessage.Unknown;
                // Message 2 carries the SNonce (and the STA's RSN/WPA IE); message 4 carries no nonce
                // in RSN (some WPA1 stations repeat the SNonce there: Secure tells them apart for RSN).
                if (NonceIsZero) return EapolKeyMessage.Pairwise4;
                if (DescriptorType == DescriptorRsn && Has(KeyInfo.Secure)) return EapolKeyMessage.Pairwise4;
                return KeyData.Length > 0 ? EapolKeyMessage.Pairwise2 : EapolKeyMessage.Pairwise4;
            }
            if (Has(KeyInfo.Ack) && Has(KeyInfo.Mic)) return EapolKeyMessage.Group1;
            if (!Has(KeyInfo.Ack) && Has(KeyInfo.Mic)) return EapolKeyMessage.Group2;
            return EapolKeyMessage.Unknown;
        }
    }

    /// <summary>
    /// Parses an EAPOL PDU starting at the 802.1X header. Returns false (with a reason) for anything that
    /// is not a well-formed EAPOL-Key frame of descriptor 2 or 254.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> eapol, out EapolKey? key, out string? reason)
    {
        key = null;
        reason = null;
        if (eapol.Length < 4) { reason = $"EAPOL PDU of {eapol.Length} bytes is shorter than its header"; return false; }
        if (eapol[1] != 3) { reason = $"EAPOL packet type {eapol[1]} is not EAPOL-Key (3)"; return false; }
        int bodyLength = BinaryPrimitives.ReadUInt16BigEndian(eapol[2..]);
        if (4 + bodyLength > eapol.Length) { reason = $"EAPOL body length {bodyLength} exceeds the {eapol.Length - 4} bytes present"; return false; }
        if (4 + bodyLength < FixedLength) { reason = $"EAPOL-Key body of {bodyLength} bytes is shorter than the fixed fields (95)"; return false; }
        var pdu = eapol[..(4 + bodyLength)].ToArray();
        byte descriptor = pdu[4];
        if (descriptor is not (DescriptorRsn or DescriptorWpa)) { reason = $"EAPOL-Key descriptor type {descriptor} is neither RSN (2) nor WPA (254)"; return false; }
        int keyDataLength = BinaryPrimitives.ReadUInt16BigEndian(pdu.AsSpan(4 + 93));
        if (FixedLength + keyDataLength > pdu.Length) { reason = $"EAPOL-Key data length {keyDataLength} exceeds the {pdu.Length - FixedLength} bytes present"; return false; }
        key = new EapolKey
        {
            Pdu = pdu,
            DescriptorType = descriptor,
            Info = (KeyInfo)BinaryPrimitives.ReadUInt16BigEndian(pdu.AsSpan(5)),
            KeyLength = BinaryPrimitives.ReadUInt16BigEndian(pdu.AsSpan(7)),
            ReplayCounter = BinaryPrimitives.ReadUInt64BigEndian(pdu.AsSpan(9)),
            KeyData = pdu.AsMemory(FixedLength, keyDataLength),
        };
        return true;
    }
}
