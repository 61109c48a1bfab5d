using System.Runtime.CompilerServices;

namespace RtDriver.Native;

/// <summary>
/// Error plumbing for the exports: every export body runs inside try/catch and turns what it
/// caught into a status code plus rt_last_error. Nothing ever crosses the C boundary.
/// </summary>
internal static class Abi
{
    /// <summary>Records a failure sentence and returns the status, for direct use in returns.</summary>
    public static int Fail(RtStatus status, string message)
    {
        LastError.Set(message);
        return (int)status;
    }

    /// <summary>Maps any exception to a status; unexpected ones become RT_ERR_IO with their message.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Fail(Exception e, string function)
    {
        try
        {
            return e switch
            {
                RtException rt => Fail(rt.Status, rt.Message),
                OutOfMemoryException => Fail(RtStatus.NoMemory, $"{function}: out of memory"),
                ArgumentException a => Fail(RtStatus.InvalidArgument, $"{function}: {a.Message}"),
                UnauthorizedAccessException u => Fail(RtStatus.Permission, $"{function}: {u.Message}"),
                TimeoutException t => Fail(RtStatus.Timeout, $"{function}: {t.Message}"),
                IOException io => Fail(RtStatus.Io, $"{function}: {io.Message}"),
                _ => Fail(RtStatus.Io, $"{function}: internal error {e.GetType().Name}: {e.Message}"),
            };
        }
        catch
        {
            return (int)RtStatus.Io; // even formatting the message failed; still never throw
        }
    }

    public static int NullArgument(string function, string parameter) =>
        Fail(RtStatus.InvalidArgument, $"{function}: {parameter} is NULL");

    public static int BadHandle(string function, string parameter, nint handle) =>
        Fail(RtStatus.InvalidArgument, $"{function}: {parameter} 0x{(ulong)handle:x} is not a live handle (freed, forged or of another type)");
}
