namespace RtDriver.Emulation;

public enum TraceKind
{
    Read,
    Write,
    /// <summary>A host write the chip dropped (read-only register, mailbox busy, RAM not writable, stuck key table, gone).</summary>
    Ignored,
    /// <summary>A USB vendor request as received (Value/Index/Length), before it is decoded into register accesses.</summary>
    UsbRequest,
}

/// <summary>One host access seen by the emulated chip.</summary>
public readonly record struct TraceEntry(TraceKind Kind, uint Offset, uint Value, string? Note = null, byte Request = 0, int Length = 0)
{
    public override string ToString() => Kind switch
    {
        TraceKind.UsbRequest => $"usb req {Request} value 0x{Value:X4} index 0x{Offset:X4} len {Length}",
        _ => $"{Kind,-7} 0x{Offset:X4} = 0x{Value:X8}{(Note is null ? "" : " (" + Note + ")")}",
    };
}

/// <summary>
/// Records every host register access in order (for tests that check sequences against the
/// facts document). Off by default; the firmware image alone is 2048 word writes.
/// </summary>
public sealed class RegisterTrace
{
    private readonly List<TraceEntry> _entries = new();

    public bool Enabled { get; set; }

    public IReadOnlyList<TraceEntry> Entries => _entries;

    public void Clear() => _entries.Clear();

    internal void Add(in TraceEntry e)
    {
        if (Enabled) _entries.Add(e);
    }

    /// <summary>Writes only, in order (the usual thing a sequence test compares).</summary>
    public IEnumerable<TraceEntry> Writes => _entries.Where(e => e.Kind == TraceKind.Write);
}
