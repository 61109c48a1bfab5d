using System.Runtime.InteropServices;
using System.Text;

namespace RtDriver.Native;

/// <summary>
/// rt_last_error's per-thread sentence. Each thread owns one malloc'd UTF-8 buffer that stays
/// valid until that thread's next failing call replaces it; rt_last_error never returns NULL.
///
/// The buffer hangs off a POSIX thread-specific key whose destructor is the C library's own
/// <c>free</c>: when a thread ends, libc frees its buffer right then, as part of the thread's
/// exit. Nothing waits for a garbage collection (an earlier version freed the buffer from a
/// finalizer, so how much 40 000 short-lived threads left behind depended on how large the GC's
/// gen0 budget was on that machine — 68 MB on a large-cache CPU). The destructor is plain libc
/// code on purpose: it runs after the .NET runtime has detached the exiting thread, where no
/// managed code may run.
/// </summary>
internal static unsafe partial class LastError
{
    // Each buffer starts with a header holding its usable size; rt_last_error points past it.
    private const int HeaderSize = 16;
    private const int MinimumCapacity = 256;

    private static readonly byte[] Empty = [0];
    private static readonly uint Key = CreateKey();

    /// <summary>The key's destructor: libc's free, looked up once (tests check it is that).</summary>
    internal static nint Destructor { get; private set; }

    private static uint CreateKey()
    {
        nint free = NativeLibrary.GetExport(NativeLibrary.Load(LibcName), "free");
        uint key;
        int err = pthread_key_create(&key, free);
        // Only when the process has exhausted PTHREAD_KEYS_MAX (1024) keys; nothing works then.
        if (err != 0) throw new InvalidOperationException($"pthread_key_create failed with error {err}");
        Destructor = free;
        return key;
    }

    /// <summary>The calling thread's buffer (header included), or null when it never failed.</summary>
    internal static byte* ThreadBuffer() => (byte*)pthread_getspecific(Key);

    public static void Set(string message)
    {
        int needed = Encoding.UTF8.GetMaxByteCount(message.Length) + 1;
        byte* block = ThreadBuffer();
        int capacity = block is null ? 0 : *(int*)block;
        if (capacity < needed)
        {
            int size = Math.Max(needed, MinimumCapacity);
            byte* fresh = (byte*)realloc(block, (nuint)(HeaderSize + size));
            if (fresh == null) return; // keep the previous message rather than fail the failing call
            if (pthread_setspecific(Key, fresh) != 0)
            {
                // Cannot happen for a valid key (the only documented failure is ENOMEM while
                // growing libc's per-thread table, and the key is already in use here).
                free(fresh);
                return;
            }
            *(int*)fresh = size;
            block = fresh;
            capacity = size;
        }
        byte* text = block + HeaderSize;
        int written = Encoding.UTF8.GetBytes(message, new Span<byte>(text, capacity - 1));
        text[written] = 0;
    }

    public static byte* Get()
    {
        byte* block = ThreadBuffer();
        if (block is not null) return block + HeaderSize;
        fixed (byte* empty = Empty) return empty; // a static array in the frozen heap: never moves
    }

    // The buffer is allocated with libc's realloc because libc's free releases it at thread exit:
    // allocator and destructor must be the same C library.
    private const string LibcName = "libc.so.6";

    [LibraryImport(LibcName)]
    private static partial int pthread_key_create(uint* key, nint destructor);

    [LibraryImport(LibcName)]
    private static partial void* pthread_getspecific(uint key);

    [LibraryImport(LibcName)]
    private static partial int pthread_setspecific(uint key, void* value);

    [LibraryImport(LibcName)]
    private static partial void* realloc(void* block, nuint size);

    [LibraryImport(LibcName)]
    private static partial void free(void* block);
}
