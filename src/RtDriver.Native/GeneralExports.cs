using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RtDriver.Crypto;

namespace RtDriver.Native;

/// <summary>The general ABI functions: versions, status names, last error, crypto path.</summary>
public static unsafe class GeneralExports
{
    [UnmanagedCallersOnly(EntryPoint = "rt_abi_version")]
    public static uint AbiVersion() => LibraryInfo.AbiVersion;

    [UnmanagedCallersOnly(EntryPoint = "rt_version")]
    public static byte* Version() => Literal("0.1.0\0"u8);

    [UnmanagedCallersOnly(EntryPoint = "rt_status_name")]
    public static byte* StatusName(int status) => status switch
    {
        0 => Literal("RT_OK\0"u8),
        -1 => Literal("RT_ERR_INVALID_ARGUMENT\0"u8),
        -2 => Literal("RT_ERR_NO_MEMORY\0"u8),
        -3 => Literal("RT_ERR_NO_DEVICE\0"u8),
        -4 => Literal("RT_ERR_IO\0"u8),
        -5 => Literal("RT_ERR_TIMEOUT\0"u8),
        -6 => Literal("RT_ERR_UNSUPPORTED\0"u8),
        -7 => Literal("RT_ERR_BAD_FIRMWARE\0"u8),
        -8 => Literal("RT_ERR_BUFFER_TOO_SMALL\0"u8),
        -9 => Literal("RT_ERR_MALFORMED_FRAME\0"u8),
        -10 => Literal("RT_ERR_NO_KEY\0"u8),
        -11 => Literal("RT_ERR_REPLAY\0"u8),
        -12 => Literal("RT_ERR_ICV\0"u8),
        -13 => Literal("RT_ERR_MIC\0"u8),
        -14 => Literal("RT_ERR_PERMISSION\0"u8),
        -15 => Literal("RT_ERR_DEVICE_GONE\0"u8),
        -16 => Literal("RT_ERR_STATE\0"u8),
        _ => Literal("RT_UNKNOWN\0"u8),
    };

    [UnmanagedCallersOnly(EntryPoint = "rt_last_error")]
    public static byte* LastErrorText() => LastError.Get();

    [UnmanagedCallersOnly(EntryPoint = "rt_cpu_path")]
    public static byte* CpuPath() => CryptoPath.Current switch
    {
        CryptoPathKind.AesNi => Literal("aesni\0"u8),
        _ => Literal("portable\0"u8),
    };

    /// <summary>u8 literals live in the image's read-only data: their address never changes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte* Literal(ReadOnlySpan<byte> text) => (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(text));
}
