using RtDriver;
using RtDriver.Device;
using RtDriver.Hardware.Keys;
using RtDriver.Offload;

namespace RtProbe;

/// <summary>
/// `rtprobe keys set|del|list`: the supplicant's set_key/del_key on a device, with the placement
/// table (WCID, address, cipher, key id, placement, reason). Operations chain with "+" in one run
/// (an emulated device lives as long as the process):
///   rtprobe keys --device emu:rt2860 set tkip 000102…1f --addr 00:09:5b:f9:b6:04 + set ccmp 00…0f --group --key-id 1 + list --hw
/// </summary>
internal sealed class KeysCommand : ICommand
{
    public string Name => "keys";
    public string Summary => "set/delete/list keys on a device and show where each key lives (hardware or software) and why";
    public string Usage =>
        "keys [--device SPEC] [--json] [--role sta|ap] OP [+ OP ...]\n" +
        "  OP: set CIPHER KEYHEX (--addr MAC | --group) [--key-id N] [--seq HEX] [--tx] [--force-hw|--force-sw] [--mfp]\n" +
        "      del (--addr MAC | --group) [--key-id N]\n" +
        "      list [--hw]            (the listing is always printed at the end; --hw adds what key memory holds)\n" +
        "  CIPHER: wep40 wep104 tkip ccmp ccmp256 gcmp gcmp256 bip bip-gmac128 bip-gmac256 bip-cmac256 (or the rt_cipher number)";

    private static readonly string[] Flags = ["--group", "--tx", "--force-hw", "--force-sw", "--mfp", "--hw"];
    private static readonly string[] Options = ["--addr", "--key-id", "--seq", "--role"];

    private sealed record Outcome(string Op, string Target, string Placement, string Detail);

    public int Run(string[] args)
    {
        var segments = Split(args);
        var parsed = segments.Select(s => ArgumentReader.ForDevice(s, Flags, Options)).ToList();
        string spec = parsed.Select(p => p.Option("--device")).LastOrDefault(d => d is not null) ?? DeviceFactory.AutoSpec;
        bool json = parsed.Any(p => p.Json);
        bool showHw = parsed.Any(p => p.Flag("--hw"));
        string? role = parsed.Select(p => p.Option("--role")).LastOrDefault(r => r is not null);
        foreach (var p in parsed)
            if (p.Positionals.Count == 0 && parsed.Count > 1)
                throw RtException.InvalidArgument("an empty operation between '+' signs");

        using var dev = RtDevice.Open(spec);
        if (role is not null)
            dev.Role = role.ToLowerInvariant() switch
            {
                "sta" or "station" => DeviceRole.Station,
                "ap" or "access-point" => DeviceRole.AccessPoint,
                _ => throw RtException.InvalidArgument($"--role '{role}' is neither sta nor ap"),
            };
        var outcomes = new List<Outcome>();
        foreach (var p in parsed)
        {
            if (p.Positionals.Count == 0) continue; // "keys" alone: list
            switch (p.Positionals[0])
            {
                case "set": outcomes.Add(Set(dev, p)); break;
                case "del": outcomes.Add(Del(dev, p)); break;
                case "list":
                    if (p.Positionals.Count > 1) throw RtException.InvalidArgument($"list takes no arguments, got '{p.Positionals[1]}'");
                    break;
                default: throw RtException.InvalidArgument($"unknown keys operation '{p.Positionals[0]}' (set, del, list)");
            }
        }
        var keys = dev.ListKeys();
        IReadOnlyList<HwKeySlot>? hw = null;
        if (showHw && !dev.IsGone) hw = dev.ReadHardwareKeyTables();
        if (json) WriteJson(dev, outcomes, keys, hw);
        else WriteText(dev, outcomes, keys, hw);
        return ExitCode.Ok;
    }

    private static Outcome Set(RtDevice dev, ArgumentReader p)
    {
        if (p.Positionals.Count != 3) throw RtException.InvalidArgument("set needs CIPHER KEYHEX");
        int cipher = Cipher(p.Positionals[1]);
        byte[] key = ArgumentReader.ParseHex(p.Positionals[2], "KEYHEX");
        var (addr, hasAddr, flags) = Target(p);
        if (p.Flag("--force-hw")) flags |= KeyFlags.ForceHardware;
        if (p.Flag("--force-sw")) flags |= KeyFlags.ForceSoftware;
        if (p.Flag("--mfp")) flags |= KeyFlags.Mfp;
        byte[] seq = p.Option("--seq") is { } s ? ArgumentReader.ParseHex(s, "--seq") : [];
        int keyId = KeyId(p, cipher);
        var request = KeyRequest.Create(cipher, addr, hasAddr, keyId, p.Flag("--tx") || (flags & KeyFlags.Pairwise) != 0, seq, key, flags);
        var k = dev.SetKey(request);
        request.Wipe();
        Array.Clear(key);
        return new Outcome("set", $"{k.Kind} {k.CipherName} {k.AddressText} key id {k.KeyId}", k.PlacementName, k.Reason);
    }

    private static Outcome Del(RtDevice dev, ArgumentReader p)
    {
        if (p.Positionals.Count != 1) throw RtException.InvalidArgument($"del takes options only, got '{p.Positionals[1]}'");
        var (addr, hasAddr, flags) = Target(p);
        int keyId = p.Option("--key-id") is { } id ? (int)ArgumentReader.ParseUInt(id, "--key-id") : 0;
        bool removed = dev.DelKey(addr, hasAddr, keyId, flags, out string detail);
        return new Outcome("del", $"{(hasAddr ? Mac.Format(addr) : "group")} key id {keyId}", removed ? "deleted" : "absent", detail);
    }

    private static (byte[] addr, bool has, KeyFlags flags) Target(ArgumentReader p)
    {
        if (p.Flag("--group")) return (KeyRequest.Broadcast.ToArray(), true, KeyFlags.Group);
        string? a = p.Option("--addr") ?? throw RtException.InvalidArgument("say whose key it is: --addr MAC (pairwise) or --group");
        var mac = Mac.TryParse(a) ?? throw RtException.InvalidArgument($"--addr '{a}' is not a MAC address like 00:09:5b:f9:b6:04");
        return (mac, true, Mac.IsGroup(mac) ? KeyFlags.Group : KeyFlags.Pairwise);
    }

    private static int KeyId(ArgumentReader p, int cipher) =>
        p.Option("--key-id") is { } id ? (int)ArgumentReader.ParseUInt(id, "--key-id") : HwCipherMap.IsBip((RtCipher)cipher) ? 4 : 0;

    private static int Cipher(string name) => name.ToLowerInvariant() switch
    {
        "wep40" or "wep" => 1,
        "wep104" => 2,
        "tkip" => 3,
        "ccmp" or "ccmp128" => 4,
        "ccmp256" or "ccmp-256" => 5,
        "gcmp" or "gcmp128" => 6,
        "gcmp256" or "gcmp-256" => 7,
        "bip" or "bip-cmac128" => 8,
        "bip-gmac128" => 9,
        "bip-gmac256" => 10,
        "bip-cmac256" => 11,
        var n when int.TryParse(n, out int v) => v,
        _ => throw RtException.InvalidArgument($"unknown cipher '{name}' (wep40 wep104 tkip ccmp ccmp256 gcmp gcmp256 bip bip-gmac128 bip-gmac256 bip-cmac256)"),
    };

    private static List<string[]> Split(string[] args)
    {
        var segments = new List<string[]>();
        var current = new List<string>();
        foreach (var a in args)
        {
            if (a == "+") { segments.Add([.. current]); current.Clear(); }
            else current.Add(a);
        }
        segments.Add([.. current]);
        return segments;
    }

    private static void WriteText(RtDevice dev, List<Outcome> outcomes, IReadOnlyList<InstalledKey> keys, IReadOnlyList<HwKeySlot>? hw)
    {
        foreach (var o in outcomes) Console.WriteLine($"{o.Op} {o.Target}: {o.Placement} — {o.Detail}");
        if (outcomes.Count > 0) Console.WriteLine();
        var info = dev.IsGone ? null : dev.GetInfo();
        Console.WriteLine($"{dev.Identity.Name} ({dev.Spec}): {keys.Count} key(s){(info is null ? ", device gone" : $", {info.HwKeySlotsUsed} of {info.HwKeySlots} pairwise slots used")}");
        var t = new OutputTable("WCID", "address", "cipher", "key id", "kind", "placement", "reason");
        foreach (var k in keys)
            t.Add(k.Wcid < 0 ? "-" : k.Wcid.ToString(), k.AddressText, k.CipherName, k.KeyId, k.Kind, k.PlacementName, k.Reason);
        t.Print();
        if (hw is null) return;
        Console.WriteLine();
        Console.WriteLine($"key memory holds {hw.Count} active entr{(hw.Count == 1 ? "y" : "ies")}:");
        var h = new OutputTable("table", "index", "cipher", "key id", "bss", "address", "tx counter", "attribute");
        foreach (var s in hw)
            h.Add(s.Table, s.Index, s.Cipher, s.KeyId, s.Bss, Mac.Format(s.Address), s.Table == "wcid" ? s.TxCounter.ToString() : "-",
                  s.Table == "wcid" ? $"0x{s.Attribute:x8}{(s.PairwiseTable ? " (pairwise table)" : " (shared table)")}" : $"mode word 0x{s.Attribute:x8}");
        h.Print();
    }

    private static void WriteJson(RtDevice dev, List<Outcome> outcomes, IReadOnlyList<InstalledKey> keys, IReadOnlyList<HwKeySlot>? hw) =>
        JsonOutput.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("device", dev.Spec);
            w.WriteBoolean("gone", dev.IsGone);
            w.WriteStartArray("operations");
            foreach (var o in outcomes)
            {
                w.WriteStartObject();
                w.WriteString("op", o.Op);
                w.WriteString("target", o.Target);
                w.WriteString("result", o.Placement);
                w.WriteString("detail", o.Detail);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("keys");
            foreach (var k in keys)
            {
                w.WriteStartObject();
                w.WriteNumber("wcid", k.Wcid);
                w.WriteString("address", k.AddressText);
                w.WriteString("cipher", k.CipherName);
                w.WriteNumber("key_id", k.KeyId);
                w.WriteString("kind", k.Kind);
                w.WriteString("placement", k.PlacementName);
                w.WriteString("reason", k.Reason);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            if (hw is not null)
            {
                w.WriteStartArray("key_memory");
                foreach (var s in hw)
                {
                    w.WriteStartObject();
                    w.WriteString("table", s.Table);
                    w.WriteNumber("index", s.Index);
                    w.WriteString("cipher", s.Cipher.ToString());
                    w.WriteNumber("key_id", s.KeyId);
                    w.WriteNumber("bss", s.Bss);
                    w.WriteString("address", Mac.Format(s.Address));
                    w.WriteNumber("tx_counter", s.TxCounter);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        });
}
