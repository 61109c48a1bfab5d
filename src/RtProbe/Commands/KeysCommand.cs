using System.CommandLine;
using RtDriver;
using RtDriver.Device;
using RtDriver.Offload;
using DeviceRole = RtDriver.Hardware.Keys.DeviceRole;
using HwKeySlot = RtDriver.Hardware.Keys.HwKeySlot;

namespace RtProbe;

/// <summary>
/// `rtprobe keys set|del|list`: the supplicant's set_key/del_key on a device, with the placement
/// table (WCID, address, cipher, key id, placement, reason). Operations chain with "+" in one run
/// (an emulated device lives as long as the process):
///   rtprobe keys --device emu:rt2860 set tkip 000102…1f --addr 00:09:5b:f9:b6:04 + set ccmp 00…0f --group --key-id 1 + list --hw
/// </summary>
internal static class KeysCommand
{
    private sealed record Outcome(string Op, string Target, string Placement, string Detail);

    public static Command Create()
    {
        var device = CommonOptions.Device();
        device.Recursive = true;
        var json = CommonOptions.Json();
        json.Recursive = true;
        var role = new Option<string?>("--role") { Description = "act as a station (sta, default) or access point (ap)", HelpName = "sta|ap", Recursive = true };
        var keys = new Command("keys",
            "set/delete/list keys on a device and show where each key lives (hardware or software) and why; " +
            "chain operations with '+' in one run: keys -d emu:rt2860 set ccmp HEX --addr MAC + list --hw")
        {
            device, json, role,
        };

        var cipher = new Argument<string>("CIPHER") { Description = $"one of {CipherNames.Known} (case, '-' and '_' do not matter; or the C ABI number 1..11)" };
        var keyHex = new Argument<string>("KEYHEX") { Description = "the key as hex (':' and ' ' separators allowed)" };
        var set = new Command("set", "install a key (what a supplicant's set_key does)")
        {
            cipher, keyHex, Addr(), Group(), KeyIdOption(),
            new Option<string?>("--seq") { Description = "receive sequence counter (PN/TSC) as hex bytes, least significant first", HelpName = "HEX" },
            new Option<bool>("--tx") { Description = "also use the key to transmit (pairwise keys always do)" },
            new Option<bool>("--force-hw") { Description = "fail instead of falling back to software when the chip cannot hold the key" },
            new Option<bool>("--force-sw") { Description = "keep the key in software even when the chip could hold it" },
            new Option<bool>("--mfp") { Description = "management frame protection is on for this peer" },
        };
        var del = new Command("del", "delete a key") { Addr(), Group(), KeyIdOption() };
        var list = new Command("list", "list the installed keys (also printed after every other operation)")
        {
            new Option<bool>("--hw") { Description = "also show what the chip's key memory holds" },
        };
        foreach (var c in new[] { keys, set, del, list }) c.SetAction(r => RunChain([r]));
        keys.Add(set);
        keys.Add(del);
        keys.Add(list);
        return keys;
    }

    private static Option<string?> Addr() => new("--addr") { Description = "the peer's MAC address (a pairwise key; a group address makes it a group key)", HelpName = "MAC" };
    private static Option<bool> Group() => new("--group") { Description = "a group key (broadcast address)" };
    private static Option<string?> KeyIdOption() => new("--key-id") { Description = "key index: 0..3, BIP 4..5 (default 0, BIP 4)", HelpName = "N" };

    /// <summary>Splits `set ... + set ... + list` at each '+' into the operations' own arguments.</summary>
    internal static List<string[]> SplitChain(string[] args)
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

    /// <summary>Runs the operations of one `keys` run on one device (an emulated device lives as long as the process).</summary>
    internal static int RunChain(IReadOnlyList<ParseResult> segments)
    {
        string spec = segments.Select(p => p.GetResult("--device") is System.CommandLine.Parsing.OptionResult { Implicit: false } ? p.GetValue<string>("--device") : null)
            .LastOrDefault(d => d is not null) ?? DeviceFactory.AutoSpec;
        bool json = segments.Any(p => p.GetValue<bool>("--json"));
        string? role = segments.Select(p => p.GetValue<string?>("--role")).LastOrDefault(r => r is not null);
        var ops = segments.Select(p => p.CommandResult.Command.Name).ToList();
        if (segments.Count > 1 && ops.Contains("keys"))
            throw new UsageException("an empty operation between '+' signs (each needs set, del or list)");
        bool showHw = segments.Any(p => p.CommandResult.Command.Name == "list" && p.GetValue<bool>("--hw"));

        using var dev = RtDevice.Open(spec);
        if (role is not null)
            dev.Role = role.ToLowerInvariant() switch
            {
                "sta" or "station" => DeviceRole.Station,
                "ap" or "access-point" => DeviceRole.AccessPoint,
                _ => throw new UsageException($"--role '{role}' is neither sta nor ap"),
            };
        var outcomes = new List<Outcome>();
        foreach (var p in segments)
        {
            switch (p.CommandResult.Command.Name)
            {
                case "set": outcomes.Add(Set(dev, p)); break;
                case "del": outcomes.Add(Del(dev, p)); break;
            }
        }
        var keys = dev.ListKeys();
        IReadOnlyList<HwKeySlot>? hw = null;
        if (showHw && !dev.IsGone) hw = dev.ReadHardwareKeyTables();
        if (json) WriteJson(dev, outcomes, keys, hw);
        else WriteText(dev, outcomes, keys, hw);
        return ExitCode.Ok;
    }

    private static Outcome Set(RtDevice dev, ParseResult p)
    {
        var cipher = CipherNames.Parse(p.GetValue<string>("CIPHER")!);
        byte[] key = CliValues.ParseHex(p.GetValue<string>("KEYHEX")!, "KEYHEX");
        var (addr, hasAddr, flags) = Target(p);
        if (p.GetValue<bool>("--force-hw") && p.GetValue<bool>("--force-sw"))
            throw new UsageException("--force-hw and --force-sw exclude each other: give one of them, or neither to let the driver choose");
        if (p.GetValue<bool>("--force-hw")) flags |= KeyFlags.ForceHardware;
        if (p.GetValue<bool>("--force-sw")) flags |= KeyFlags.ForceSoftware;
        if (p.GetValue<bool>("--mfp")) flags |= KeyFlags.Mfp;
        byte[] seq = p.GetValue<string?>("--seq") is { } s ? CliValues.ParseHex(s, "--seq") : [];
        int keyId = KeyId(p, cipher);
        var request = KeyRequest.Create((int)cipher, addr, hasAddr, keyId, p.GetValue<bool>("--tx") || (flags & KeyFlags.Pairwise) != 0, seq, key, flags);
        var k = dev.SetKey(request);
        request.Wipe();
        Array.Clear(key);
        return new Outcome("set", $"{k.Kind} {k.CipherName} {k.AddressText} key id {k.KeyId}", k.PlacementName, LibraryMessage.ForCli(k.Reason));
    }

    private static Outcome Del(RtDevice dev, ParseResult p)
    {
        var (addr, hasAddr, flags) = Target(p);
        int keyId = p.GetValue<string?>("--key-id") is { } id ? (int)CliValues.ParseUInt(id, "--key-id") : 0;
        bool removed = dev.DelKey(addr, hasAddr, keyId, flags, out string detail);
        return new Outcome("del", $"{(hasAddr ? MacAddress.Format(addr) : "group")} key id {keyId}", removed ? "deleted" : "absent", LibraryMessage.ForCli(detail));
    }

    private static (byte[] addr, bool has, KeyFlags flags) Target(ParseResult p)
    {
        string? a = p.GetValue<string?>("--addr");
        if (p.GetValue<bool>("--group"))
        {
            if (a is not null) throw new UsageException("--addr and --group exclude each other");
            return (KeyRequest.Broadcast.ToArray(), true, KeyFlags.Group);
        }
        if (a is null) throw new UsageException("say whose key it is: --addr MAC (pairwise) or --group");
        var mac = MacAddress.TryParse(a) ?? throw new UsageException($"--addr '{a}' is not a MAC address like 00:09:5b:f9:b6:04");
        return (mac, true, MacAddress.IsGroup(mac) ? KeyFlags.Group : KeyFlags.Pairwise);
    }

    private static int KeyId(ParseResult p, RtCipher cipher) =>
        p.GetValue<string?>("--key-id") is { } id ? (int)CliValues.ParseUInt(id, "--key-id") : RtCipherInfo.IsBipCipher(cipher) ? 4 : 0;

    private static void WriteText(RtDevice dev, List<Outcome> outcomes, IReadOnlyList<InstalledKey> keys, IReadOnlyList<HwKeySlot>? hw)
    {
        foreach (var o in outcomes) Console.WriteLine($"{o.Op} {o.Target}: {o.Placement} — {o.Detail}");
        if (outcomes.Count > 0) Console.WriteLine();
        var info = dev.IsGone ? null : dev.GetInfo();
        Console.WriteLine($"{dev.Identity.Name} ({dev.Spec}): {keys.Count} key(s){(info is null ? ", device gone" : $", {info.HwKeySlotsUsed} of {info.HwKeySlots} pairwise slots used")}");
        var t = new OutputTable("WCID", "address", "cipher", "key id", "kind", "placement", "reason");
        foreach (var k in keys)
            t.Add(k.Wcid < 0 ? "-" : k.Wcid.ToString(), k.AddressText, k.CipherName, k.KeyId, k.Kind, k.PlacementName, LibraryMessage.ForCli(k.Reason));
        t.Print();
        if (hw is null) return;
        Console.WriteLine();
        Console.WriteLine($"key memory holds {hw.Count} active entr{(hw.Count == 1 ? "y" : "ies")}:");
        var h = new OutputTable("table", "index", "cipher", "key id", "bss", "address", "tx counter", "attribute");
        foreach (var s in hw)
            h.Add(s.Table, s.Index, s.Cipher, s.KeyId, s.Bss, MacAddress.Format(s.Address), s.Table == "wcid" ? s.TxCounter.ToString() : "-",
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
                if (k.Wcid >= 0) w.WriteNumber("wcid", k.Wcid); else w.WriteNull("wcid"); // null: a software key has no WCID
                w.WriteString("address", k.AddressText);
                w.WriteString("cipher", CipherNames.Name(k.Cipher));
                w.WriteNumber("key_id", k.KeyId);
                w.WriteString("kind", k.Kind);
                w.WriteString("placement", k.PlacementName);
                w.WriteString("reason", LibraryMessage.ForCli(k.Reason));
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
                    w.WriteString("cipher", JsonOutput.Snake(s.Cipher.ToString()));
                    w.WriteNumber("key_id", s.KeyId);
                    w.WriteNumber("bss", s.Bss);
                    w.WriteString("address", MacAddress.Format(s.Address));
                    w.WriteNumber("tx_counter", s.TxCounter);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        });
}
