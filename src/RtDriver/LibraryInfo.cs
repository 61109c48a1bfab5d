namespace RtDriver;

/// <summary>Version facts shared by the C ABI, rtprobe and the bindings.</summary>
public static class LibraryInfo
{
    /// <summary>The C ABI version this library implements (rt_abi_version).</summary>
    public const uint AbiVersion = 1;

    /// <summary>The library version (rt_version).</summary>
    public const string Version = "0.1.0";
}
