namespace RtDriver.Hardware.Registers;

/// <summary>
/// A bit field inside a 32-bit register (OpenBSD/Linux "FIELD32" style): shift and width,
/// so code says <c>RtReg.MAC_CSR0_CHIPSET.Get(v)</c> instead of <c>v &gt;&gt; 16</c>.
/// </summary>
public readonly record struct BitField(int Shift, int Width)
{
    public uint Mask => Width >= 32 ? 0xFFFFFFFFu : ((1u << Width) - 1) << Shift;

    public uint Get(uint register) => (register & Mask) >> Shift;

    /// <summary>Returns <paramref name="register"/> with this field replaced by <paramref name="value"/>
    /// (a value wider than the field is a caller bug and throws, rather than corrupting neighbours).</summary>
    public uint Set(uint register, uint value)
    {
        uint max = Width >= 32 ? 0xFFFFFFFFu : (1u << Width) - 1;
        if (value > max)
            throw new ArgumentOutOfRangeException(nameof(value), $"value 0x{value:X} does not fit a {Width}-bit field at bit {Shift}");
        return (register & ~Mask) | (value << Shift);
    }

    /// <summary>The field's value placed at its position (for building a register from parts).</summary>
    public uint Make(uint value) => Set(0, value);
}
