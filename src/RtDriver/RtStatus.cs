namespace RtDriver;

/// <summary>
/// The status codes of the C ABI (docs/c-abi.md). The numeric values are the
/// contract: they are returned unchanged by every export.
/// </summary>
public enum RtStatus
{
    Ok = 0,
    InvalidArgument = -1,
    NoMemory = -2,
    NoDevice = -3,
    Io = -4,
    Timeout = -5,
    Unsupported = -6,
    BadFirmware = -7,
    BufferTooSmall = -8,
    MalformedFrame = -9,
    NoKey = -10,
    Replay = -11,
    Icv = -12,
    Mic = -13,
    Permission = -14,
    DeviceGone = -15,
    State = -16,
}

public static class RtStatusNames
{
    /// <summary>The C name of a status ("RT_ERR_MIC"), or "RT_UNKNOWN" for any other value.</summary>
    public static string Name(int status) => status switch
    {
        0 => "RT_OK",
        -1 => "RT_ERR_INVALID_ARGUMENT",
        -2 => "RT_ERR_NO_MEMORY",
        -3 => "RT_ERR_NO_DEVICE",
        -4 => "RT_ERR_IO",
        -5 => "RT_ERR_TIMEOUT",
        -6 => "RT_ERR_UNSUPPORTED",
        -7 => "RT_ERR_BAD_FIRMWARE",
        -8 => "RT_ERR_BUFFER_TOO_SMALL",
        -9 => "RT_ERR_MALFORMED_FRAME",
        -10 => "RT_ERR_NO_KEY",
        -11 => "RT_ERR_REPLAY",
        -12 => "RT_ERR_ICV",
        -13 => "RT_ERR_MIC",
        -14 => "RT_ERR_PERMISSION",
        -15 => "RT_ERR_DEVICE_GONE",
        -16 => "RT_ERR_STATE",
        _ => "RT_UNKNOWN",
    };

    public static string Name(this RtStatus status) => Name((int)status);
}
