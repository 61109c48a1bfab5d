using System.Text.Json;
using RtProbe;
using Xunit;
using RtDriver.Hardware.Keys;

namespace RtDriver.Tests.ProbeCli;

/// <summary>rtprobe info / fw load / mcu / regs / keys, run in-process against the emulator.</summary>
[Collection("Console")]
public class RtProbeDeviceCommandTests
{
    private static (int code, string output, string error) Run(params string[] args)
    {
        var oldOut = Console.Out;
        var oldErr = Console.Error;
        var output = new StringWriter();
        var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            int code = CommandLine.Run(args);
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
        }
    }

    [Fact]
    public void AutoWithoutANicExplainsTheEmulator()
    {
        var (code, _, err) = Run("info");
        Assert.Equal(3, code);
        Assert.Contains("emu:rt2860", err);
    }

    [Fact]
    public void InfoShowsTheChip()
    {
        var (code, output, _) = Run("info", "--device", "emu:rt3070");
        Assert.Equal(0, code);
        Assert.Contains("RT3070 (emulated)", output);
        Assert.Contains("0x3070", output);
        var (jcode, json, _) = Run("info", "--device", "emu:rt2860,mac=00:11:22:33:44:55", "--json");
        Assert.Equal(0, jcode);
        using var doc = JsonDocument.Parse(json);
        Assert.Equal("00:11:22:33:44:55", doc.RootElement.GetProperty("mac").GetString());
        Assert.Equal(189, doc.RootElement.GetProperty("hw_key_slots").GetInt32());
    }

    [Fact]
    public void KeysSetDelListPrintsThePlacementTable()
    {
        var (code, output, err) = Run("keys", "--device", "emu:rt2870",
            "set", "tkip", new string('a', 64), "--addr", "00:09:5b:f9:b6:04",
            "+", "set", "ccmp", new string('b', 32), "--group", "--key-id", "1",
            "+", "set", "ccmp", new string('c', 32), "--addr", "02:00:00:00:00:07",
            "+", "del", "--addr", "02:00:00:00:00:07",
            "+", "del", "--group", "--key-id", "3",
            "+", "list", "--hw");
        Assert.True(code == 0, err);
        Assert.Contains("WCID  address            cipher  key id  kind      placement  reason", output);
        Assert.Contains("TKIP is not offloaded on USB", output);          // TKIP on USB → software
        Assert.Contains("shared slot 1", output);                         // group CCMP → hardware
        Assert.Contains("cleared its hardware slot", output);
        Assert.Contains("nothing to delete", output);
        Assert.Contains("key memory holds 2 active entries", output);    // shared WCID 1 + shared slot 1
    }

    [Fact]
    public void KeysJsonAndBadArguments()
    {
        var (code, json, _) = Run("keys", "--device", "emu:rt2860", "--json", "set", "wep104", "00112233445566778899aabbcc", "--group", "--key-id", "2");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(json);
        var key = doc.RootElement.GetProperty("keys")[0];
        Assert.Equal("hardware", key.GetProperty("placement").GetString());
        Assert.Equal(2, key.GetProperty("wcid").GetInt32());
        Assert.Equal(2, Run("keys", "--device", "emu:rt2860", "set", "tkip", "0011").code);           // wrong length
        Assert.Equal(2, Run("keys", "--device", "emu:rt2860", "set", "rot13", "00", "--group").code); // unknown cipher
        Assert.Equal(1, Run("keys", "--device", "emu:rt2860", "set", "gcmp", new string('0', 32), "--group", "--force-hw").code);
    }

    [Fact]
    public void McuProbeTimesEveryStepAndASilentMcuFailsBounded()
    {
        var (code, output, _) = Run("mcu", "--probe", "--device", "emu:rt2860");
        Assert.Equal(0, code);
        Assert.Contains("firmware load + MCU-ready wait", output);
        Assert.Contains($"test key at WCID {KeyTableMap.FirstStationWcid} verified and cleared", output);
        var (scode, soutput, _) = Run("mcu", "--probe", "--device", "emu:rt2860,fault=mcu-silent", "--json");
        Assert.Equal(1, scode);
        using var doc = JsonDocument.Parse(soutput);
        var steps = doc.RootElement.GetProperty("steps").EnumerateArray().ToList();
        Assert.Contains(steps, s => !s.GetProperty("ok").GetBoolean() && s.GetProperty("detail").GetString()!.Contains("RT_ERR_TIMEOUT"));
        Assert.True(steps.Single(s => s.GetProperty("step").GetString() == "key tables: install, read back, clear").GetProperty("ok").GetBoolean());
        var (one, oneOut, _) = Run("mcu", "0x31", "0", "0", "--device", "emu:rt2860");
        Assert.Equal(0, one);
        Assert.Contains("status 1", oneOut);
    }

    [Fact]
    public void FwLoadAndRegs()
    {
        var (code, output, _) = Run("fw", "load", "--device", "emu:rt2860");
        Assert.Equal(0, code);
        Assert.Contains("version", output);
        Assert.Equal(2, Run("fw", "flash", "--device", "emu:rt2860").code);
        Assert.Equal(2, Run("fw", "load", "a.bin", "b.bin", "--device", "emu:rt2860").code);
        var (rc, rout, _) = Run("regs", "read", "0x1000", "--device", "emu:rt2860");
        Assert.Equal(0, rc);
        Assert.Contains("0x1000 = 0x28600101", rout);
        Assert.Equal(2, Run("regs", "read", "0x1002", "--device", "emu:rt2860").code);
        var (dc, dout, _) = Run("regs", "dump", "0x1000", "8", "--device", "emu:rt2860");
        Assert.Equal(0, dc);
        Assert.Equal(2, dout.Trim().Split('\n').Length);
    }
}
