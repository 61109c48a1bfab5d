namespace RtDriver.Crypto.Frames;

/// <summary>
/// Why the last frame operation on this thread failed. The frame path returns a status and must
/// not allocate, so it records a constant format string and up to three numbers; the sentence is
/// only formatted when someone asks (the C ABI does, for rt_last_error).
/// </summary>
internal static class FrameFailure
{
    [ThreadStatic] private static string? _format;
    [ThreadStatic] private static ulong _a, _b, _c;

    public static RtStatus Set(RtStatus status, string format, ulong a = 0, ulong b = 0, ulong c = 0)
    {
        _format = format;
        _a = a; _b = b; _c = c;
        return status;
    }

    public static void Clear() => _format = null;

    public static string Describe() =>
        _format is null ? "" : string.Format(System.Globalization.CultureInfo.InvariantCulture, _format, _a, _b, _c);
}
