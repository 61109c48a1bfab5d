using RtDriver.Hardware.Registers;
using RtDriver.Transport;
using RtDriver.Transport.Usb;

namespace RtDriver.Hardware.Eeprom;

/// <summary>
/// eFuse reads (docs/hardware.md §4.3): each EFUSE_CTRL kick (MODE read, byte address in b25–16) loads a 16-byte
/// block into DATA3 (bytes 0–3) … DATA0 (bytes 12–15). AOUT all ones means "address not found":
/// the block reads as 0xFF. RT3290 has the block at 0x024–0x034.
/// </summary>
public static class Efuse
{
    public readonly record struct Registers(uint Ctrl, uint Data0, uint Data1, uint Data2, uint Data3);

    public static readonly Registers Standard = new(RtReg.EFUSE_CTRL, RtReg.EFUSE_DATA0, RtReg.EFUSE_DATA1, RtReg.EFUSE_DATA2, RtReg.EFUSE_DATA3);
    public static readonly Registers Rt3290 = new(RtReg.EFUSE_CTRL_3290, RtReg.EFUSE_DATA0_3290, RtReg.EFUSE_DATA1_3290, RtReg.EFUSE_DATA2_3290, RtReg.EFUSE_DATA3_3290);

    public static bool IsSelected(IRegisterBus bus, Registers regs) =>
        (bus.ReadChecked(regs.Ctrl, "EFUSE_CTRL read") & RtReg.EFUSE_CTRL_PRESENT) != 0;

    /// <summary>Reads words from word 0 (16 bytes = 8 words per kick).</summary>
    public static void Read(IRegisterBus bus, Registers regs, Span<ushort> words)
    {
        Span<byte> block = stackalloc byte[RtReg.EFUSE_BLOCK_BYTES];
        for (int w = 0; w < words.Length; w += RtReg.EFUSE_BLOCK_BYTES / 2)
        {
            ReadBlock(bus, regs, (uint)(w * 2), block);
            for (int k = 0; k < RtReg.EFUSE_BLOCK_BYTES / 2 && w + k < words.Length; k++)
                words[w + k] = (ushort)(block[2 * k] | block[2 * k + 1] << 8);
        }
    }

    public static void ReadBlock(IRegisterBus bus, Registers regs, uint byteAddress, Span<byte> block)
    {
        if ((byteAddress & 15) != 0) throw RtException.InvalidArgument($"eFuse block address 0x{byteAddress:X} is not 16-byte aligned");
        KickRead(bus, regs, byteAddress);
        uint ctrl = WaitKickDone(bus, regs, byteAddress);
        if (RtReg.EFUSE_CTRL_AOUT.Get(ctrl) == 0x3F)
        {
            block.Fill(0xFF);
            return;
        }
        Span<uint> order = [regs.Data3, regs.Data2, regs.Data1, regs.Data0];
        for (int i = 0; i < 4; i++)
        {
            uint v = bus.Read32(order[i]);
            block[4 * i] = (byte)v; block[4 * i + 1] = (byte)(v >> 8); block[4 * i + 2] = (byte)(v >> 16); block[4 * i + 3] = (byte)(v >> 24);
        }
    }

    private static void KickRead(IRegisterBus bus, Registers regs, uint byteAddress)
    {
        uint v = bus.ReadChecked(regs.Ctrl, "EFUSE_CTRL read");
        v = RtReg.EFUSE_CTRL_MODE.Set(v, RtReg.EFUSE_MODE_READ);
        v = RtReg.EFUSE_CTRL_ADDRESS_IN.Set(v, byteAddress);
        bus.Write32(regs.Ctrl, v | RtReg.EFUSE_CTRL_KICK);
    }

    private static uint WaitKickDone(IRegisterBus bus, Registers regs, uint byteAddress)
    {
        int count = bus is IUsbDeviceRequests ? PollLimits.REGISTER_USB_BUSY_COUNT : PollLimits.REGISTER_BUSY_COUNT;
        return bus.WaitForClear(regs.Ctrl, RtReg.EFUSE_CTRL_KICK, count, PollLimits.REGISTER_BUSY_DELAY_US, $"eFuse read of block 0x{byteAddress:X3}");
    }
}
