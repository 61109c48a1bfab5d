namespace RtDriver.Wpa;

/// <summary>The GTK KDE (00-0F-AC:1) inside decrypted RSN Key Data: key id, Tx bit, GTK (802.11 12.7.2).</summary>
public static class GroupKeyKde
{
    public static bool TryFind(ReadOnlySpan<byte> keyData, out int keyId, out byte[] gtk)
    {
        keyId = 0;
        gtk = [];
        while (keyData.Length >= 2)
        {
            int type = keyData[0], len = keyData[1];
            if (type == 0xDD && len == 0) return false; // padding starts: no more elements
            if (2 + len > keyData.Length) return false;
            var body = keyData.Slice(2, len);
            if (type == 0xDD && len >= 6 && body[0] == 0x00 && body[1] == 0x0F && body[2] == 0xAC && body[3] == 1)
            {
                keyId = body[4] & 3;
                gtk = body[6..].ToArray();
                return gtk.Length > 0;
            }
            keyData = keyData[(2 + len)..];
        }
        return false;
    }
}
