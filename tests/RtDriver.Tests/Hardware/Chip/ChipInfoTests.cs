using RtDriver.Emulation;
using RtDriver.Hardware.Chip;
using RtDriver.Hardware.Eeprom;
using RtDriver.Hardware.Registers;
using RtDriver.Tests.Emulation;
using RtDriver.Transport;
using Xunit;

namespace RtDriver.Tests.Hardware.Chip;

public class ChipInfoTests
{
    [Theory]
    [InlineData("emu:rt2860", 0x2860u, 0x0101u, "RT2860D", ConfigSource.Eeprom93C66, 0x1u, 2, 3)]
    [InlineData("emu:rt3090", 0x3090u, 0x0211u, "RT3090E", ConfigSource.Efuse, 0x8u, 2, 2)]
    [InlineData("emu:rt2870", 0x2872u, 0x0200u, "RT2872E", ConfigSource.UsbEeprom, 0x1u, 2, 3)]
    [InlineData("emu:rt3070", 0x3070u, 0x0201u, "RT3070F", ConfigSource.Efuse, 0x5u, 1, 1)]
    public void ProbeReadsIdentityAndConfiguration(string spec, uint id, uint rev, string revName, ConfigSource source, uint rf, int tx, int rx)
    {
        var (bus, nic) = EmulatorFlavours.Open(spec);
        var info = ChipInfo.Probe(bus);
        Assert.Equal(id, info.Identity.ChipId);
        Assert.Equal(rev, info.Identity.Revision);
        Assert.Equal(revName, info.Identity.RevisionName);
        Assert.Equal(nic.Info.IsUsb, info.Identity.IsUsb);
        Assert.Equal(source, info.Eeprom.Source);
        Assert.Equal(EmulatorOptions.DefaultMac(nic.Options.Chip), info.Mac);
        Assert.True(info.Eeprom.MacValid);
        Assert.Equal(rf, info.RfId);
        Assert.Equal(tx, info.Eeprom.TxPaths);
        Assert.Equal(rx, info.Eeprom.RxPaths);
        Assert.Equal(0x5555, info.Eeprom.LedAgConf);
        Assert.Equal(0x2221, info.Eeprom.LedActConf);
        Assert.Equal(0xA9F8, info.Eeprom.LedPolarity);
        Assert.Equal(nic.EepromImage.ToArray(), info.Eeprom.Words); // every one of the 256 words, bit-exact
        Assert.Contains(info.Eeprom.RfName, info.ToString());
    }

    [Theory]
    [MemberData(nameof(EmulatorFlavours.All), MemberType = typeof(EmulatorFlavours))]
    public void MacOptionReachesTheConfigurationStore(string spec)
    {
        var (bus, _) = EmulatorFlavours.Open(spec + ",mac=02:de:ad:be:ef:42");
        var info = ChipInfo.Probe(bus);
        Assert.Equal("02:de:ad:be:ef:42", info.Eeprom.MacString);
    }

    [Theory]
    [MemberData(nameof(EmulatorFlavours.All), MemberType = typeof(EmulatorFlavours))]
    public void WordMapDecodesEveryField(string spec)
    {
        var (bus, nic) = EmulatorFlavours.Open(spec);
        nic.SetEepromWord(EepromContents.WORD_NIC_CONF1, (ushort)(1 | 1 << 2 | 3 << 11 | 1 << 14));
        nic.SetEepromWord(EepromContents.WORD_COUNTRY, 0x0105);
        nic.SetEepromWord(EepromContents.WORD_FREQ_LED, 0x0233);
        nic.SetEepromWord(EepromContents.WORD_VERSION, 0x0E02);
        var e = ChipInfo.Probe(bus).Eeprom;
        Assert.True(e.HardwareRadioSwitch);
        Assert.True(e.ExternalLna2G);
        Assert.False(e.ExternalLna5G);
        Assert.Equal(3, e.AntennaDiversity);
        Assert.True(e.BtCoexist);
        Assert.Equal(0x0105, e.CountryRegion);
        Assert.Equal(0x33, e.FrequencyOffset);
        Assert.Equal(0x02, e.LedMode);
        Assert.Equal(0x0E, e.Version);
        Assert.Equal(0x02, e.FaeVersion);
    }

    [Fact]
    public void BlankNicConf0GetsLinuxDefaults()
    {
        var (bus, nic) = EmulatorFlavours.Open("emu:rt2860");
        nic.SetEepromWord(EepromContents.WORD_NIC_CONF0, 0xFFFF);
        var e = ChipInfo.Probe(bus).Eeprom;
        Assert.Equal((2, 1, 0x0001u, "RF2820"), (e.RxPaths, e.TxPaths, e.RfId, e.RfName));
    }

    [Fact]
    public void SerialEepromBitBangMatchesEveryWord()
    {
        var (bus, nic) = EmulatorFlavours.Open("emu:rt2860");
        var rng = new Random(7);
        for (int w = 0; w < 256; w++) nic.SetEepromWord(w, (ushort)rng.Next(0x10000));
        Assert.Equal(ConfigSource.Eeprom93C66, SerialEeprom.TypeOf(bus));
        var words = new ushort[256];
        SerialEeprom.Read(bus, ConfigSource.Eeprom93C66, words);
        Assert.Equal(nic.EepromImage.ToArray(), words);
    }

    [Fact]
    public void A93C46HoldsSixtyFourWordsWithSixAddressBits()
    {
        var (bus, nic) = EmulatorFlavours.Open("emu:rt2860,mac=00:aa:bb:cc:dd:ee");
        nic.SerialEepromType = 0;
        nic.Trace.Enabled = true;
        var info = ChipInfo.Probe(bus);
        Assert.Equal(ConfigSource.Eeprom93C46, info.Eeprom.Source);
        Assert.Equal("00:aa:bb:cc:dd:ee", info.Eeprom.MacString);
        Assert.Equal(nic.EepromImage[..64].ToArray(), info.Eeprom.Words[..64]);
        Assert.All(info.Eeprom.Words[64..], w => Assert.Equal(0xFFFF, w));
        // word read = CS, start 1, opcode 10, 6 address bits (3 writes per bit), 16 data clocks (2 writes each), deselect
        int writesPerWord = 2 + 3 * (3 + 6) + 2 * 16 + 1;
        Assert.Equal(64 * writesPerWord, nic.Trace.Entries.Count(e => e.Kind == TraceKind.Write && e.Offset == RtReg.E2PROM_CSR));
    }

    [Fact]
    public void EfuseBlocksAreKickedAndPolled()
    {
        var (bus, nic) = EmulatorFlavours.Open("emu:rt3090");
        nic.Trace.Enabled = true;
        var block = new byte[16];
        Efuse.ReadBlock(bus, Efuse.Standard, 0x10, block);
        var w = Enumerable.Range(0, 8).Select(k => (ushort)(block[2 * k] | block[2 * k + 1] << 8)).ToArray();
        Assert.Equal(nic.EepromImage.Slice(8, 8).ToArray(), w);
        var kick = nic.Trace.Entries.First(e => e.Kind == TraceKind.Write && e.Offset == RtReg.EFUSE_CTRL);
        Assert.Equal(0x10u, RtReg.EFUSE_CTRL_ADDRESS_IN.Get(kick.Value));
        Assert.NotEqual(0u, kick.Value & RtReg.EFUSE_CTRL_KICK);
        Assert.Contains(nic.Trace.Entries, e => e.Kind == TraceKind.Read && e.Offset == RtReg.EFUSE_CTRL && (e.Value & RtReg.EFUSE_CTRL_KICK) != 0); // it was polled busy
        Assert.Equal(RtStatus.InvalidArgument, Assert.Throws<RtException>(() => Efuse.ReadBlock(bus, Efuse.Standard, 0x11, block)).Status);
    }

    [Theory]
    [MemberData(nameof(EmulatorFlavours.All), MemberType = typeof(EmulatorFlavours))]
    public void GoneDeviceIsDeviceGoneDuringIdentification(string spec)
    {
        var (bus, _) = EmulatorFlavours.Open(spec + ",fault=gone-after=0");
        Assert.Equal(RtStatus.DeviceGone, Assert.Throws<RtException>(() => ChipInfo.Probe(bus)).Status);
        for (int n = 1; n < 400; n += 7)
        {
            var (b2, _) = EmulatorFlavours.Open($"{spec},fault=gone-after={n}");
            try { ChipInfo.Probe(b2); }
            catch (RtException e) { Assert.Equal(RtStatus.DeviceGone, e.Status); }
        }
    }

    private sealed class FixedBus(uint macCsr0) : IRegisterBus
    {
        public string Description => "fixed";
        public BusKind Kind => BusKind.Emulator;
        public int Reads;
        public uint Read32(uint offset) { Reads++; return offset == RtReg.MAC_CSR0 ? macCsr0 : 0; }
        public void Write32(uint offset, uint value) { }
        public void WriteRegion(uint offset, ReadOnlySpan<byte> data) { }
        public void ReadRegion(uint offset, Span<byte> data) { }
        public void Dispose() { }
    }

    [Fact]
    public void UnknownChipsetIsUnsupportedNamingTheId()
    {
        var e = Assert.Throws<RtException>(() => ChipIdentification.Identify(new FixedBus(0x1234_0001)));
        Assert.Equal(RtStatus.Unsupported, e.Status);
        Assert.Contains("0x1234", e.Message);
    }

    [Fact]
    public void CsrNeverReadyIsTimeoutAllOnesIsGone()
    {
        var bus = new FixedBus(0);
        var e = Assert.Throws<RtException>(() => ChipIdentification.WaitCsrReady(bus));
        Assert.Equal(RtStatus.Timeout, e.Status);
        Assert.Contains("100 x 1 ms", e.Message);
        Assert.Equal(PollLimits.CSR_READY_COUNT, bus.Reads);
        Assert.Equal(RtStatus.DeviceGone, Assert.Throws<RtException>(() => ChipIdentification.WaitCsrReady(new FixedBus(0xFFFFFFFF))).Status);
    }

    [Fact]
    public void Rt3290ReadsItsVersionAtZero()
    {
        Assert.Equal(RtReg.MAC_CSR0_3290, ChipIdentification.VersionRegister(0x3290));
        Assert.Equal(RtReg.MAC_CSR0, ChipIdentification.VersionRegister(0x0601));
    }
}
