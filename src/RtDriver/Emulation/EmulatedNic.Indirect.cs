using RtDriver.Hardware.Registers;

namespace RtDriver.Emulation;

/// <summary>BBP and RF indirect access (docs/hardware.md §7): the host kicks BBP_CSR_CFG / RF_CSR_CFG / RF_CSR_CFG0 and polls the busy bit.</summary>
public sealed partial class EmulatedNic
{
    /// <summary>BBP R0 is the BBP version; the drivers wait until it reads neither 0x00 nor 0xFF.</summary>
    public const byte BbpVersion = 0x10;
    private readonly byte[] _bbp = new byte[256];
    private readonly byte[] _rf = new byte[64];
    private readonly uint[] _rfSerial = new uint[4];
    private int _bbpBusyReads, _rfBusyReads, _rf0BusyReads;

    public ReadOnlySpan<byte> Bbp => _bbp;
    public ReadOnlySpan<byte> Rf => _rf;
    /// <summary>The last words written to serial RF registers R1–R4 (RF_CSR_CFG0 register select 0–3).</summary>
    public ReadOnlySpan<uint> RfSerial => _rfSerial;

    private void InitBbp() => _bbp[0] = BbpVersion;

    private void BbpCsrWrite(uint value) => Raw(RtReg.BBP_CSR_CFG) = ExecuteBbp(value, ref _bbpBusyReads);

    /// <summary>Executes a BBP request word (BBP_CSR_CFG layout; also used for H2M_BBP_AGENT by the MCU); returns the register's new contents.</summary>
    internal uint ExecuteBbp(uint value, ref int busyReads)
    {
        if ((value & RtReg.BBP_CSR_CFG_BUSY) == 0) return value;
        int reg = (int)RtReg.BBP_CSR_CFG_REGNUM.Get(value);
        if ((value & RtReg.BBP_CSR_CFG_READ_CONTROL) != 0)
            value = RtReg.BBP_CSR_CFG_VALUE.Set(value, _bbp[reg]);
        else if (reg != 0) // R0 (version) is read-only
            _bbp[reg] = (byte)RtReg.BBP_CSR_CFG_VALUE.Get(value);
        busyReads = BusyReads;
        return value & ~RtReg.BBP_CSR_CFG_BUSY;
    }

    private void RfCsrWrite(uint value)
    {
        if ((value & RtReg.RF_CSR_CFG_BUSY) != 0)
        {
            int reg = (int)RtReg.RF_CSR_CFG_REGNUM.Get(value);
            if ((value & RtReg.RF_CSR_CFG_WRITE) != 0) _rf[reg] = (byte)RtReg.RF_CSR_CFG_DATA.Get(value);
            else value = RtReg.RF_CSR_CFG_DATA.Set(value, _rf[reg]);
            _rfBusyReads = BusyReads;
        }
        Raw(RtReg.RF_CSR_CFG) = value & ~RtReg.RF_CSR_CFG_BUSY;
    }

    private void RfCsr0Write(uint value)
    {
        if ((value & RtReg.RF_CSR_CFG0_BUSY) != 0)
        {
            _rfSerial[value & 3] = value & ~RtReg.RF_CSR_CFG0_BUSY;
            _rf0BusyReads = BusyReads;
        }
        Raw(RtReg.RF_CSR_CFG0) = value & ~RtReg.RF_CSR_CFG0_BUSY;
    }
}
