using System.Runtime.InteropServices;
using System.Text;

namespace RtDriver.Native;

/// <summary>
/// rt_last_error's per-thread sentence. Each thread owns one native UTF-8 buffer that stays
/// valid until that thread's next failing call replaces it; it is never NULL. The buffer belongs
/// to a thread-static owner object: when the thread ends, the owner becomes unreachable and its
/// finalizer frees the buffer, so a caller that runs many short-lived threads does not leak
/// one buffer per thread.
/// </summary>
internal static unsafe class LastError
{
    [ThreadStatic] private static Buffer? _mine;
    private static readonly byte[] Empty = [0];
    private static int _live;

    /// <summary>Native buffers currently held by live (or not yet finalized) threads.</summary>
    internal static int LiveBuffers => Volatile.Read(ref _live);

    private sealed class Buffer
    {
        public byte* Pointer;
        public int Capacity;

        ~Buffer()
        {
            NativeMemory.Free(Pointer);
            Pointer = null;
            Interlocked.Decrement(ref _live);
        }
    }

    public static void Set(string message)
    {
        int needed = Encoding.UTF8.GetMaxByteCount(message.Length) + 1;
        var b = _mine;
        if (b is null || b.Capacity < needed)
        {
            int size = Math.Max(needed, 256);
            byte* fresh = (byte*)NativeMemory.Realloc(b is null ? null : b.Pointer, (nuint)size);
            if (fresh == null) return; // keep the previous message rather than fail the failing call
            if (b is null)
            {
                b = new Buffer();
                Interlocked.Increment(ref _live);
                _mine = b;
            }
            b.Pointer = fresh;
            b.Capacity = size;
        }
        int written = Encoding.UTF8.GetBytes(message, new Span<byte>(b.Pointer, b.Capacity - 1));
        b.Pointer[written] = 0;
    }

    public static byte* Get()
    {
        var b = _mine;
        if (b is not null) return b.Pointer;
        fixed (byte* empty = Empty) return empty; // a static array in the frozen heap: never moves
    }
}
