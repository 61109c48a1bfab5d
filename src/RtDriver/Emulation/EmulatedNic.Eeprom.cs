using RtDriver.Hardware.Registers;

namespace RtDriver.Emulation;

/// <summary>The configuration store: a 93C66 serial EEPROM on E2PROM_CSR (really bit-banged), or eFuse blocks via EFUSE_CTRL kicks (docs/hardware.md §4).</summary>
public sealed partial class EmulatedNic
{
    public const int EepromWords = 256;
    private readonly ushort[] _eeprom;

    /// <summary>The 256-word configuration image the chip holds (EEPROM or eFuse).</summary>
    public ReadOnlySpan<ushort> EepromImage => _eeprom;

    /// <summary>Changes one configuration word (tests: blank NIC_CONF0, odd MACs…).</summary>
    public void SetEepromWord(int word, ushort value) => _eeprom[word] = value;

    /// <summary>Builds the image per the word map of docs/hardware.md §4.5: chip id, version, MAC, NIC_CONF0/1, region, LED words.</summary>
    public static ushort[] BuildEepromImage(EmulatedChipInfo info, byte[] mac)
    {
        var w = new ushort[EepromWords];
        Array.Fill(w, (ushort)0xFFFF);
        w[0x00] = (ushort)info.ChipId;
        w[0x01] = 0x0101;                           // version 1, FAE 1
        w[0x02] = (ushort)(mac[0] | mac[1] << 8);
        w[0x03] = (ushort)(mac[2] | mac[3] << 8);
        w[0x04] = (ushort)(mac[4] | mac[5] << 8);
        w[0x1A] = info.NicConf0;
        w[0x1B] = info.NicConf1;
        w[0x1C] = 0x0000;                           // country/region: region 0 (2.4 GHz ch 1–11) / 0
        w[0x1D] = 0xFF00 | 0x00;                    // no RF frequency offset correction; LED mode defaults
        w[0x1E] = 0x5555;
        w[0x1F] = 0x2221;
        w[0x20] = 0xA9F8;
        w[0x21] = 0xFFFF;
        return w;
    }

    // ---- 93C66 on E2PROM_CSR (docs/hardware.md §4.2). Protocol modelled: while S is high, each rising edge of C
    // shifts D in: a start bit 1, the 2-bit opcode (10 = READ), then 8 address bits MSB first. At
    // the rising edge that clocks the last address bit Q drives the dummy 0; each of the next 16
    // rising edges presents the next data bit, MSB first. Dropping S ends the transaction.
    private enum SromPhase { Idle, Command, Data }
    private int _sromType = 1;                                   // E2PROM_CSR TYPE: 0 = 93C46, 1 = 93C66
    private int SromAddressBits => _sromType == 0 ? 6 : 8;

    /// <summary>
    /// Which serial EEPROM part is fitted (E2PROM_CSR TYPE): 0 = 93C46 (64 words, 6 address bits),
    /// 1 = 93C66 (256 words, 8 address bits, the default). A 93C46 only holds the first 64 words.
    /// </summary>
    public int SerialEepromType
    {
        get => _sromType;
        set
        {
            if (value is not (0 or 1)) throw RtException.InvalidArgument($"serial EEPROM type {value} is not modelled (0 = 93C46, 1 = 93C66)");
            _sromType = value;
        }
    }
    private SromPhase _srPhase;
    private int _srBits;
    private uint _srShift;
    private ushort _srData;
    private int _srDataLeft;
    private bool _srQ;

    private uint EepromCsrRead()
    {
        uint v = Raw(RtReg.E2PROM_CSR) & (RtReg.E2PROM_CSR_CHIP_SELECT | RtReg.E2PROM_CSR_DATA_CLOCK | RtReg.E2PROM_CSR_DATA_IN);
        v = RtReg.E2PROM_CSR_TYPE.Set(v, (uint)_sromType);
        if (_srQ) v |= RtReg.E2PROM_CSR_DATA_OUT;
        return v;
    }

    private void EepromCsrWrite(uint value)
    {
        uint old = Raw(RtReg.E2PROM_CSR);
        bool cs = (value & RtReg.E2PROM_CSR_CHIP_SELECT) != 0;
        bool rising = (old & RtReg.E2PROM_CSR_DATA_CLOCK) == 0 && (value & RtReg.E2PROM_CSR_DATA_CLOCK) != 0;
        bool d = (value & RtReg.E2PROM_CSR_DATA_IN) != 0;
        Raw(RtReg.E2PROM_CSR) = value & (RtReg.E2PROM_CSR_CHIP_SELECT | RtReg.E2PROM_CSR_DATA_CLOCK | RtReg.E2PROM_CSR_DATA_IN);
        if (!cs)
        {
            _srPhase = SromPhase.Idle;
            _srQ = true; // Q floats high (ready) when deselected
            return;
        }
        if (_srPhase == SromPhase.Idle)
        {
            _srPhase = SromPhase.Command;
            _srBits = 0;
            _srShift = 0;
        }
        if (!rising) return;
        switch (_srPhase)
        {
            case SromPhase.Command:
                if (_srBits == 0 && !d) return; // leading zeros before the start bit
                _srShift = (_srShift << 1) | (d ? 1u : 0u);
                _srBits++;
                if (_srBits == 3 + SromAddressBits)
                {
                    uint opcode = (_srShift >> SromAddressBits) & 3;
                    uint address = _srShift & ((1u << SromAddressBits) - 1);
                    if (opcode == 0b10)
                    {
                        _srPhase = SromPhase.Data;
                        _srData = _eeprom[address];
                        _srDataLeft = 16;
                        _srQ = false; // dummy zero
                    }
                    else
                        _srPhase = SromPhase.Idle; // write/erase opcodes are not modelled: the EEPROM is read-only here
                }
                break;
            case SromPhase.Data:
                if (_srDataLeft > 0)
                {
                    _srDataLeft--;
                    _srQ = ((_srData >> _srDataLeft) & 1) != 0;
                }
                else
                    _srQ = false;
                break;
        }
    }

    // ---- eFuse (docs/hardware.md §4.3): a kick reads the 16-byte block at the byte address in b25–16 into
    // DATA3 (bytes 0–3) … DATA0 (bytes 12–15); KICK reads back set for one poll, then clears.
    private int _efuseBusyReads;

    private uint EfuseCtrlRead()
    {
        uint v = Raw(RtReg.EFUSE_CTRL);
        if (Info.UsesEfuse) v |= RtReg.EFUSE_CTRL_PRESENT; else v &= ~RtReg.EFUSE_CTRL_PRESENT;
        if (_efuseBusyReads > 0) { _efuseBusyReads--; return v | RtReg.EFUSE_CTRL_KICK; }
        return v & ~RtReg.EFUSE_CTRL_KICK;
    }

    private void EfuseCtrlWrite(uint value)
    {
        Raw(RtReg.EFUSE_CTRL) = value & ~RtReg.EFUSE_CTRL_KICK;
        if ((value & RtReg.EFUSE_CTRL_KICK) == 0 || !Info.UsesEfuse) return;
        uint byteAddress = RtReg.EFUSE_CTRL_ADDRESS_IN.Get(value) & ~15u;
        Span<uint> data = stackalloc uint[4];
        for (int i = 0; i < 4; i++)
        {
            int word = (int)(byteAddress / 2) + 2 * i;
            data[i] = word + 1 < EepromWords ? (uint)(_eeprom[word] | _eeprom[word + 1] << 16) : 0xFFFFFFFF;
        }
        Raw(RtReg.EFUSE_DATA3) = data[0];
        Raw(RtReg.EFUSE_DATA2) = data[1];
        Raw(RtReg.EFUSE_DATA1) = data[2];
        Raw(RtReg.EFUSE_DATA0) = data[3];
        Raw(RtReg.EFUSE_CTRL) = RtReg.EFUSE_CTRL_AOUT.Set(Raw(RtReg.EFUSE_CTRL), 0);
        _efuseBusyReads = BusyReads;
    }

    /// <summary>The USB_EEPROM_READ answer: bytes of the image from a byte offset (0xFF past the end).</summary>
    internal void ReadEepromBytes(int byteOffset, Span<byte> data)
    {
        for (int i = 0; i < data.Length; i++)
        {
            int b = byteOffset + i;
            data[i] = b / 2 < EepromWords ? (byte)(_eeprom[b / 2] >> (8 * (b & 1))) : (byte)0xFF;
        }
    }
}
