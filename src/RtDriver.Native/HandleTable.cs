namespace RtDriver.Native;

/// <summary>
/// Opaque handles for the C ABI. A handle is never a pointer to managed or native memory:
/// it encodes a slot index and that slot's generation, so a forged value, a handle of
/// another type, or a handle used after free simply fails the lookup (RT_ERR_INVALID_ARGUMENT)
/// and nothing is ever dereferenced. Slots are reused with a new generation, so a stale
/// handle to a reused slot is still rejected.
///
/// Layout of the 64-bit value: bits 63..32 generation (never 0), bits 31..4 slot index,
/// bits 3..0 a fixed tag (0xA) that keeps handles odd-looking and non-null.
/// </summary>
internal static class HandleTable
{
    private const ulong Tag = 0xA;
    private const int MaxSlots = 1 << 24;

    private sealed class Slot
    {
        public uint Generation = 1;
        public object? Target;
    }

    private static readonly object Gate = new();
    private static Slot[] _slots = new Slot[64];
    private static int _used;
    private static readonly Stack<int> FreeSlots = new();

    public static nint Add(object target)
    {
        lock (Gate)
        {
            int index;
            if (FreeSlots.Count > 0)
            {
                index = FreeSlots.Pop();
            }
            else
            {
                if (_used == MaxSlots) throw new RtException(RtStatus.NoMemory, $"handle table full ({MaxSlots} live objects)");
                if (_used == _slots.Length)
                {
                    // Readers hold a reference to the old array; copying keeps their slot objects valid.
                    var bigger = new Slot[_slots.Length * 2];
                    Array.Copy(_slots, bigger, _slots.Length);
                    _slots = bigger;
                }
                index = _used++;
                _slots[index] = new Slot();
            }
            var slot = _slots[index];
            slot.Target = target;
            return (nint)(((ulong)slot.Generation << 32) | ((ulong)index << 4) | Tag);
        }
    }

    /// <summary>Looks a handle up without locking (the frame path calls this per frame).</summary>
    public static T? Get<T>(nint handle) where T : class
    {
        ulong value = (ulong)handle;
        if ((value & 0xF) != Tag) return null;
        uint generation = (uint)(value >> 32);
        ulong index = (value >> 4) & 0x0FFF_FFFF;
        var slots = Volatile.Read(ref _slots);
        if (index >= (ulong)slots.Length) return null;
        var slot = slots[index];
        if (slot is null || Volatile.Read(ref slot.Generation) != generation) return null;
        return slot.Target as T;
    }

    /// <summary>Removes a handle; returns the object, or null when the handle is not live (forged or freed).</summary>
    public static T? Remove<T>(nint handle) where T : class
    {
        lock (Gate)
        {
            var target = Get<T>(handle);
            if (target is null) return null;
            ulong index = ((ulong)handle >> 4) & 0x0FFF_FFFF;
            var slot = _slots[index];
            slot.Target = null;
            // Generation 0 is never issued, so a wrap skips it.
            uint next = slot.Generation + 1;
            Volatile.Write(ref slot.Generation, next == 0 ? 1 : next);
            FreeSlots.Push((int)index);
            return target;
        }
    }
}
