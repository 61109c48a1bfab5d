using Xunit;
using RtDriver.Transport.Usb;

namespace RtDriver.Tests.Transport.Usb;

public class UsbParsingTests
{
    [Theory]
    [InlineData("usb:148f:3070", (ushort)0x148f, (ushort)0x3070, 0)]
    [InlineData("usb:148F:2870#2", (ushort)0x148f, (ushort)0x2870, 2)]
    [InlineData("0b05:1784", (ushort)0x0b05, (ushort)0x1784, 0)]
    public void IdSpecs(string spec, ushort vid, ushort pid, int index)
    {
        var s = UsbSpec.Parse(spec);
        Assert.True(s.ByIds);
        Assert.Equal((vid, pid, index), (s.Vendor!.Value, s.Product!.Value, s.Index));
    }

    [Fact]
    public void LocationSpecs()
    {
        var s = UsbSpec.Parse("usb:3.17");
        Assert.False(s.ByIds);
        Assert.Equal(((byte)3, (byte)17), (s.Bus!.Value, s.Address!.Value));
        Assert.Equal("usb:3.17", s.ToString());
        Assert.Equal("usb:148f:3070#1", UsbSpec.Parse("usb:148f:3070#1").ToString());
    }

    [Theory]
    [InlineData("usb:")]
    [InlineData("usb:148f")]
    [InlineData("usb:148f:30700")]
    [InlineData("usb:148g:3070")]
    [InlineData("usb:148f:3070#")]
    [InlineData("usb:148f:3070#x")]
    [InlineData("usb:1.0")]
    [InlineData("usb:1.300")]
    [InlineData("usb:1.2.3")]
    public void BadSpecsNameTheValueAndTheForms(string spec)
    {
        var e = Assert.Throws<RtException>(() => UsbSpec.Parse(spec));
        Assert.Equal(RtStatus.InvalidArgument, e.Status);
        Assert.Contains($"'{spec}'", e.Message);
        Assert.Contains("usb:VVVV:PPPP[#N]", e.Message);
    }

    /// <summary>An RT2870-like configuration: one interface, 1 bulk in + 4 bulk out, plus an alt setting and a class descriptor to skip.</summary>
    private static byte[] Rt2870Config()
    {
        var d = new List<byte>();
        d.AddRange([9, 2, 0, 0, 1, 1, 0, 0x80, 0xFA]);                 // config, wTotalLength patched below
        d.AddRange([9, 4, 0, 0, 5, 0xFF, 0xFF, 0xFF, 0]);              // interface 0 alt 0, 5 endpoints
        d.AddRange([7, 5, 0x81, 2, 0x00, 0x02, 0]);                    // bulk in 0x81, 512
        d.AddRange([5, 0x24, 1, 2, 3]);                                 // some class-specific descriptor
        foreach (byte ep in new byte[] { 1, 2, 3, 4 }) d.AddRange([7, 5, ep, 2, 0x00, 0x02, 0]);
        d.AddRange([7, 5, 0x85, 3, 0x08, 0x00, 1]);                    // an interrupt in endpoint: not bulk
        d.AddRange([9, 4, 0, 1, 1, 0xFF, 0xFF, 0xFF, 0]);              // alt setting 1: ignored
        d.AddRange([7, 5, 0x86, 2, 0x40, 0x00, 0]);
        d[2] = (byte)d.Count;
        d[3] = (byte)(d.Count >> 8);
        return d.ToArray();
    }

    [Fact]
    public void ConfigDescriptorYieldsTheBulkEndpointsOfInterfaceZero()
    {
        var eps = UsbConfigDescriptor.ParseBulkEndpoints(Rt2870Config());
        Assert.Equal(0, eps.InterfaceNumber);
        Assert.Equal([new UsbEndpoint(0x81, 512)], eps.BulkIn);
        Assert.Equal([(byte)1, (byte)2, (byte)3, (byte)4], eps.BulkOut.Select(e => e.Address).ToArray());
        Assert.Equal(0x81, eps.Rx!.Value.Address);
    }

    [Fact]
    public void MalformedConfigDescriptorsAreIoErrorsNotCrashes()
    {
        var good = Rt2870Config();
        Assert.Equal(RtStatus.Io, Assert.Throws<RtException>(() => UsbConfigDescriptor.ParseBulkEndpoints(good.AsSpan(0, 5))).Status);
        var zeroLength = (byte[])good.Clone();
        zeroLength[9] = 0;
        Assert.Equal(RtStatus.Io, Assert.Throws<RtException>(() => UsbConfigDescriptor.ParseBulkEndpoints(zeroLength)).Status);
        byte[] noInterface = [9, 2, 9, 0, 0, 1, 0, 0x80, 0xFA];
        Assert.Equal(RtStatus.Io, Assert.Throws<RtException>(() => UsbConfigDescriptor.ParseBulkEndpoints(noInterface)).Status);
        // A truncated read (wTotalLength larger than what arrived) parses what is there.
        var truncated = UsbConfigDescriptor.ParseBulkEndpoints(good.AsSpan(0, 9 + 9 + 7));
        Assert.Single(truncated.BulkIn);
        // Random bytes never throw anything but RtException.
        var rng = new Random(6);
        for (int i = 0; i < 2000; i++)
        {
            var junk = new byte[rng.Next(0, 80)];
            rng.NextBytes(junk);
            if (junk.Length > 1) { junk[0] = 9; junk[1] = 2; }
            try { UsbConfigDescriptor.ParseBulkEndpoints(junk); }
            catch (RtException e) { Assert.Equal(RtStatus.Io, e.Status); }
        }
    }
}
