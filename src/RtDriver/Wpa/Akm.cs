namespace RtDriver.Wpa;

/// <summary>Authentication and key management suites (00-0F-AC:n; WPA1's 00-50-F2:n uses the same numbers for 1 and 2).</summary>
public enum Akm
{
    Unknown = 0,
    Ieee8021X = 1,
    Psk = 2,
    Ieee8021XSha256 = 5,
    PskSha256 = 6,
}
