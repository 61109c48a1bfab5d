using System.CommandLine;
using RtDriver;
using RtDriver.Crypto;
using RtDriver.Crypto.Frames;
using RtDriver.Device;
using RtDriver.Offload;

namespace RtProbe;

/// <summary>
/// The main job: a short, readable tour of the driver on the built-in emulated NIC. It does what
/// a supplicant does after a 4-way handshake and shows where each key lands and why:
/// a CCMP key in the chip's key table, a GCMP key in software (the chip never had GCMP), and —
/// on a second NIC whose key table does not hold writes — a TKIP key that falls back to
/// software while the caller still sees success. Every frame is protected and unprotected.
/// Exit status 1 if anything does not behave as shown.
/// </summary>
internal sealed class DemoCommand
{
    public static Command Create()
    {
        var json = CommonOptions.Json();
        var command = new Command("demo", "run the demo on the built-in emulated NIC (emu:rt2860): firmware, chip info, keys in hardware and software, frames") { json };
        command.SetAction(r => new DemoCommand(r.GetValue(json)).Run());
        return command;
    }

    // With --json nothing is printed as it happens: the sections are collected and written as one document.
    private readonly bool _json;
    private readonly List<(string Title, List<(string Label, string Text)> Rows, List<InstalledKey> Keys)> _sections = [];

    private DemoCommand(bool json) => _json = json;

    // The access point we are "associated" with and the station (the emulated NIC) itself.
    private static readonly byte[] Ap = [0x00, 0x0d, 0x93, 0xeb, 0xb0, 0x8c];

    private int _failures;

    private int Run()
    {
        Say($"rtdriver {LibraryInfo.Version} (C ABI {LibraryInfo.AbiVersion}) — demo on the built-in emulated NIC");
        Say($"crypto path: {CryptoPath.Name(CryptoPath.Current)} (this CPU can run: {string.Join(", ", CryptoPath.Supported.Select(CryptoPath.Name))})");

        // 1. A healthy NIC: firmware, identity, a key in hardware and a key in software.
        using (var nic = RtDevice.Open("emu:rt2860"))
        {
            Section("1. emu:rt2860 — open, load firmware, identify");
            var fw = nic.LoadFirmware((string?)null);
            var info = nic.GetInfo();
            Row("chip", $"{info.Name}: MAC_CSR0 id 0x{info.ChipId:x4} rev 0x{info.ChipRev:x4}, RF 0x{info.RfId:x4}");
            Row("MAC address", MacAddress.Format(info.Mac));
            Row("firmware", $"{fw.Image.Source} — version {fw.Version}, {fw.Image.Size} bytes, CRC 0x{info.FirmwareCrc:x4}{(fw.Image.IsOpenImage ? " (rtdriver's open 8051 image)" : "")}");
            var mcu = nic.McuCommand(McuCommands.Wakeup, 0, 0);
            Row("MCU mailbox", $"MCU_WAKEUP answered with status {mcu.StatusByte} in {mcu.RoundTripMicroseconds} µs");
            Row("key slots", $"{info.HwKeySlots} pairwise (WCID) entries in the chip");

            Section("2. keys after the 4-way handshake");
            var ccmpTk = Hex("c97c1f67ce371185514a8a19f2bdd52f");
            var gcmpTk = Hex("755a9c1c9e605d5ff62849e4a17a935c");
            var ccmp = SetKey(nic, RtCipher.Ccmp, ccmpTk, keyId: 0, expect: KeyPlacement.Hardware);
            var gcmp = SetKey(nic, RtCipher.Gcmp, gcmpTk, keyId: 1, expect: KeyPlacement.Software);

            Section("3. frames");
            Protect(ccmp, ccmpTk, info.Mac, "CCMP");
            Protect(gcmp, gcmpTk, info.Mac, "GCMP");
            PrintKeys(nic);
        }

        // 2. A NIC whose key table does not hold what is written: the supplicant never notices.
        using (var faulty = RtDevice.Open("emu:rt2860,fault=keytable-stuck"))
        {
            Section("4. emu:rt2860,fault=keytable-stuck — a key table that does not hold writes");
            faulty.LoadFirmware((string?)null);
            var mac = faulty.GetInfo().Mac;
            // TKIP key as a station passes it: TK | Michael key for our TX | Michael key for our RX.
            var tkip = Hex("123456789abcdef0123456789abcdef0" + "3456789012345678" + "9012345678901234");
            var key = SetKey(faulty, RtCipher.Tkip, tkip, keyId: 0, expect: KeyPlacement.Software);
            Protect(key, tkip, mac, "TKIP");
            PrintKeys(faulty);
        }

        if (_json) WriteJson();
        else
        {
            Console.WriteLine();
            Console.WriteLine(_failures == 0
                ? "demo: every key was placed without an error to the caller, and every frame round-tripped."
                : $"demo: {_failures} step(s) did not behave as expected (see above)");
        }
        return _failures == 0 ? ExitCode.Ok : ExitCode.Failure;
    }

    private InstalledKey SetKey(RtDevice nic, RtCipher cipher, byte[] key, int keyId, KeyPlacement expect)
    {
        var request = KeyRequest.Create((int)cipher, Ap, hasAddress: true, keyId, setTx: true,
            seq: ReadOnlySpan<byte>.Empty, key, KeyFlags.Pairwise);
        var installed = nic.SetKey(request); // never throws for hardware reasons: that is the promise
        bool asExpected = installed.Placement == expect;
        if (!asExpected) _failures++;
        // The reason sentence starts with the placement ("placed in software: ...").
        Row($"set_key {installed.CipherName}", $"RT_OK — {installed.Reason}" + (asExpected ? "" : $"  [expected {expect}]"));
        return installed;
    }

    /// <summary>
    /// Protects a QoS data frame with the installed key's software twin (the emulator has no radio,
    /// so the frame path a hardware key would use on air is shown through the same key material) and
    /// unprotects it as the access point would, with its own key object.
    /// </summary>
    private void Protect(InstalledKey key, byte[] material, byte[] station, string label)
    {
        byte[] plain = QosDataFrame(station, "rtdriver demo: a frame to protect"u8);
        var tx = key.Twin;
        var buffer = new byte[plain.Length + 64];
        var status = tx.Encrypt(plain, buffer, out int protectedLength);
        if (status != RtStatus.Ok) { Fail($"{label} encrypt", status); return; }

        // The AP's view of the same key: for TKIP its receive Michael key is our transmit key.
        byte[] apMaterial = (byte[])material.Clone();
        if (key.Cipher == RtCipher.Tkip)
        {
            material.AsSpan(16, 8).CopyTo(apMaterial.AsSpan(24, 8));
            material.AsSpan(24, 8).CopyTo(apMaterial.AsSpan(16, 8));
        }
        var rx = FrameKey.Create(key.Cipher, apMaterial, key.KeyId);
        var back = new byte[protectedLength];
        status = rx.Decrypt(buffer.AsSpan(0, protectedLength), back, out int plainLength);
        if (status != RtStatus.Ok) { Fail($"{label} decrypt", status); return; }
        bool same = back.AsSpan(0, plainLength).SequenceEqual(plain);
        if (!same) _failures++;
        string overhead = key.Cipher == RtCipher.Tkip ? "IV/ExtIV, Michael MIC, ICV" : "security header, MIC";
        Row($"{label} frame", $"{plain.Length} B → {protectedLength} B protected (+{protectedLength - plain.Length}: {overhead})" +
            $" → {plainLength} B back, {(same ? "identical" : "DIFFERENT")}");

        // A replayed copy is refused, as the standard requires.
        status = rx.Decrypt(buffer.AsSpan(0, protectedLength), back, out _);
        if (status != RtStatus.Replay) _failures++;
        Row($"{label} replay", $"the same frame again → {status.Name()}");
    }

    private void PrintKeys(RtDevice nic)
    {
        if (_json) { _sections[^1].Keys.AddRange(nic.ListKeys()); return; }
        Console.WriteLine();
        Console.WriteLine($"  {"WCID",-5} {"address",-17} {"cipher",-7} {"id",-2} {"placement",-9} reason");
        foreach (var k in nic.ListKeys())
            Console.WriteLine($"  {(k.Wcid >= 0 ? k.Wcid.ToString() : "-"),-5} {k.AddressText,-17} {k.CipherName,-7} {k.KeyId,-2} {k.PlacementName,-9} {k.Reason}");
    }

    private static byte[] QosDataFrame(byte[] station, ReadOnlySpan<byte> text)
    {
        // QoS Data, ToDS: A1 = BSSID (the AP), A2 = SA (us), A3 = DA (a host behind the AP), TID 5.
        var frame = new List<byte> { 0x88, 0x01, 0x2c, 0x00 };
        frame.AddRange(Ap);
        frame.AddRange(station);
        frame.AddRange(new byte[] { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 });
        frame.AddRange(new byte[] { 0x10, 0x00, 0x05, 0x00 });
        frame.AddRange(new byte[] { 0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00, 0x08, 0x00 }); // LLC/SNAP, IPv4
        frame.AddRange(text.ToArray());
        return frame.ToArray();
    }

    private void Fail(string what, RtStatus status)
    {
        _failures++;
        Row(what, $"FAILED: {status.Name()}");
    }

    private void Section(string title)
    {
        _sections.Add((title, [], []));
        Say("");
        Say(title);
    }

    private void Row(string label, string text)
    {
        _sections[^1].Rows.Add((label, text));
        Say($"  {label,-16} {text}");
    }

    private void Say(string line)
    {
        if (!_json) Console.WriteLine(line);
    }

    private void WriteJson() => JsonOutput.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("version", LibraryInfo.Version);
        w.WriteString("crypto_path", JsonOutput.Snake(CryptoPath.Name(CryptoPath.Current)));
        w.WriteBoolean("passed", _failures == 0);
        w.WriteNumber("failures", _failures);
        w.WriteStartArray("sections");
        foreach (var (title, rows, keys) in _sections)
        {
            w.WriteStartObject();
            w.WriteString("title", title);
            w.WriteStartArray("steps");
            foreach (var (label, text) in rows)
            {
                w.WriteStartObject();
                w.WriteString("step", label);
                w.WriteString("result", text);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("keys");
            foreach (var k in keys)
            {
                w.WriteStartObject();
                if (k.Wcid >= 0) w.WriteNumber("wcid", k.Wcid); else w.WriteNull("wcid");
                w.WriteString("address", k.AddressText);
                w.WriteString("cipher", CipherNames.Name(k.Cipher));
                w.WriteNumber("key_id", k.KeyId);
                w.WriteString("placement", k.PlacementName);
                w.WriteString("reason", k.Reason);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static byte[] Hex(string hex) => Convert.FromHexString(hex);
}
