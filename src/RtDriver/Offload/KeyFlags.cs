namespace RtDriver.Offload;

/// <summary>rt_key_params.flags / rt_device_del_key flags (docs/c-abi.md; values are the contract).</summary>
[Flags]
public enum KeyFlags : uint
{
    None = 0,
    Pairwise = 1,
    Group = 2,
    ForceSoftware = 4,
    ForceHardware = 8,
    /// <summary>(rtdriver addition, RT_KEY_MFP) the link uses 802.11w management frame protection: the MAC cannot protect management frames, so the key stays in software (docs/hardware.md §8.11).</summary>
    Mfp = 0x10,
}

/// <summary>Where a key ended up (RT_PLACED_*).</summary>
public enum KeyPlacement
{
    Hardware = 1,
    Software = 2,
}
