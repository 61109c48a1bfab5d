namespace RtDriver;

/// <summary>
/// The one error type inside the library: a status for the C ABI plus a sentence for
/// rt_last_error that names what failed and the offending value. Hot paths (frame
/// protection) return <see cref="RtStatus"/> directly instead of throwing.
/// </summary>
public sealed class RtException : Exception
{
    public RtStatus Status { get; }

    public RtException(RtStatus status, string message) : base(message) => Status = status;

    public RtException(RtStatus status, string message, Exception inner) : base(message, inner) => Status = status;

    public static RtException InvalidArgument(string message) => new(RtStatus.InvalidArgument, message);
}
