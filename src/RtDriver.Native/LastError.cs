using System.Runtime.InteropServices;
using System.Text;

namespace RtDriver.Native;

/// <summary>
/// rt_last_error's per-thread sentence. Each thread owns one native UTF-8 buffer that stays
/// valid until that thread's next failing call replaces it; it is never NULL.
/// </summary>
internal static unsafe class LastError
{
    [ThreadStatic] private static byte* _buffer;
    [ThreadStatic] private static int _capacity;
    private static readonly byte[] Empty = [0];

    public static void Set(string message)
    {
        int needed = Encoding.UTF8.GetMaxByteCount(message.Length) + 1;
        if (_capacity < needed)
        {
            int size = Math.Max(needed, 256);
            byte* fresh = (byte*)NativeMemory.Realloc(_buffer, (nuint)size);
            if (fresh == null) return; // keep the previous message rather than fail the failing call
            _buffer = fresh;
            _capacity = size;
        }
        int written = Encoding.UTF8.GetBytes(message, new Span<byte>(_buffer, _capacity - 1));
        _buffer[written] = 0;
    }

    public static byte* Get()
    {
        if (_buffer != null) return _buffer;
        fixed (byte* empty = Empty) return empty; // a static array in the frozen heap: never moves
    }
}
