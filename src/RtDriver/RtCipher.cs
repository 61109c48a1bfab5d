namespace RtDriver;

/// <summary>The cipher suites of the C ABI (enum rt_cipher). Values are the contract.</summary>
public enum RtCipher
{
    Wep40 = 1,
    Wep104 = 2,
    Tkip = 3,
    Ccmp = 4,
    Ccmp256 = 5,
    Gcmp = 6,
    Gcmp256 = 7,
    BipCmac128 = 8,
    // rtdriver additions (RT_CIPHER_BIP_GMAC128/256, RT_CIPHER_BIP_CMAC256)
    BipGmac128 = 9,
    BipGmac256 = 10,
    BipCmac256 = 11,
}
