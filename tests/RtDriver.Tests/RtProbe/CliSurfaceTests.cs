using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using global::RtProbe;
using Xunit;

namespace RtDriver.Tests.ProbeCli;

/// <summary>
/// rtprobe's command-line surface (issue 11): System.CommandLine parsing, one-line errors, write
/// failures, register names, --json on every command with one set of conventions, one cipher
/// parser, completion script and man page kept in step with the command tree.
/// </summary>
[Collection("Console")]
public class CliSurfaceTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args) => ConsoleCapture.Run(() => CommandLine.Run(args));

    private static string Firmware => TestPaths.RequireShared("testdata", "firmware", "linux-firmware-2019", "rt2860.bin");

    /// <summary>Every command path of the tree ("fw inspect") with its command, as the completion script sees them.</summary>
    private static List<(string Path, Command Command)> Commands() =>
        CompletionCommand.Paths(CommandLine.BuildTree()).Where(p => p.Path.Length > 0).Select(p => (p.Path, p.Command)).ToList();

    // ---- write failures (3a) ----------------------------------------------------------------

    /// <summary>A stdout that fails like write(2) does: .NET puts the errno into HResult.</summary>
    private sealed class FailingWriter(int errno) : StringWriter
    {
        public override void Write(char value) => throw new IOException("write failed", errno);
        public override void Write(string? value) => throw new IOException("write failed", errno);
        public override void Write(char[] buffer, int index, int count) => throw new IOException("write failed", errno);
        public override void WriteLine(string? value) => throw new IOException("write failed", errno);
    }

    [Theory]
    [InlineData(28, "rtprobe version: cannot write to standard output: no space left on device", "version")]
    [InlineData(9, "rtprobe version: cannot write to standard output: standard output is closed", "version")]
    [InlineData(28, "rtprobe list: cannot write to standard output: no space left on device", "list", "--json", "--sysfs", "/nonexistent-sysfs")]
    [InlineData(32, "rtprobe: cannot write to standard output: the reading end of the pipe was closed", "--help")]
    public void AFailedWriteToStdoutIsOneLineAndExitOne(int errno, string expected, params string[] args)
    {
        var oldOut = Console.Out;
        var oldErr = Console.Error;
        var err = new StringWriter();
        Console.SetOut(new FailingWriter(errno));
        Console.SetError(err);
        int exit;
        try { exit = CommandLine.Run(args); }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
        }
        Assert.Equal(ExitCode.Failure, exit);
        var line = Assert.Single(err.ToString().TrimEnd('\n').Split('\n'));
        Assert.Equal(expected, line);
    }

    private static string PublishedRtprobe() => TestPaths.RequirePublished("bin", "rtprobe");

    private static (int Exit, string Out, string Err) Shell(string script)
    {
        var psi = new ProcessStartInfo("/bin/bash", ["-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.Environment["RTPROBE"] = PublishedRtprobe();
        psi.Environment["FW"] = Firmware;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        string stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr);
    }

    [Theory]
    [InlineData("\"$RTPROBE\" version > /dev/full", "rtprobe version: cannot write to standard output: no space left on device")]
    [InlineData("\"$RTPROBE\" list --json --sysfs /nonexistent-sysfs > /dev/full", "rtprobe list: cannot write to standard output: no space left on device")]
    [InlineData("\"$RTPROBE\" fw inspect \"$FW\" --disasm >&-", "rtprobe fw inspect: cannot write to standard output: standard output is closed")]
    [InlineData("\"$RTPROBE\" --version >&-", "rtprobe: cannot write to standard output: standard output is closed")]
    public void ThePublishedBinaryReportsFullAndClosedStdoutInOneLine(string script, string expected)
    {
        var (exit, _, err) = Shell(script);
        Assert.Equal(1, exit);
        Assert.Equal(expected, err.TrimEnd('\n'));
    }

    [Fact]
    public void ThePublishedBinaryReadsFirmwareFromStdinAsDash()
    {
        var (exit, output, err) = Shell("\"$RTPROBE\" fw inspect - --json < \"$FW\"");
        Assert.True(exit == 0, err);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("file").ValueKind);
        Assert.Equal(8192, doc.RootElement.GetProperty("size").GetInt32());
        (exit, output, err) = Shell("\"$RTPROBE\" fw load - -d emu:rt2860 --json < \"$FW\"");
        Assert.True(exit == 0, err);
        Assert.Equal("0.40", JsonDocument.Parse(output).RootElement.GetProperty("version").GetString());
    }

    // ---- firmware inputs are bounded (3b) and a directory is a usage error (3c) ---------------

    [Fact]
    public void FirmwareCommandsReadNoMoreThanTheLargestImage()
    {
        // /dev/zero never ends: refused at byte 8193 (before: read whole until out of memory).
        var (exit, _, err) = Run("fw", "inspect", "/dev/zero", "--disasm");
        Assert.Equal(ExitCode.Failure, exit);
        Assert.Contains("more than 8192 bytes", err);
        (exit, _, err) = Run("fw", "load", "/dev/zero", "-d", "emu:rt2860");
        Assert.Equal(ExitCode.Failure, exit);
        Assert.Contains("more than 8192 bytes", err);

        // A 16 GiB file is refused from its size, unread.
        string big = Path.Combine(Path.GetTempPath(), $"rtprobe-big-{Environment.ProcessId}.bin");
        try
        {
            using (var f = File.Create(big)) f.SetLength(16L << 30);
            (exit, _, err) = Run("fw", "inspect", big);
            Assert.Equal(ExitCode.Failure, exit);
            Assert.Contains("17179869184 bytes", err);
        }
        finally { File.Delete(big); }
    }

    [Fact]
    public void AFirmwareArgumentThatIsADirectoryIsAUsageErrorNamingIt()
    {
        string dir = Directory.CreateTempSubdirectory("rtprobe-adir").FullName;
        try
        {
            var (exit, _, err) = Run("fw", "inspect", dir);
            Assert.Equal(ExitCode.Usage, exit);
            Assert.Contains($"'{dir}' is a directory", err);
            (exit, _, err) = Run("fw", "load", dir, "-d", "emu:rt2860");
            Assert.Equal(ExitCode.Usage, exit);
            Assert.Contains($"'{dir}' is a directory", err);
        }
        finally { Directory.Delete(dir); }
    }

    [Fact]
    public void ThePublishedBinaryReadsStandardInputNoFurtherThanTheLargestImage()
    {
        var (exit, _, err) = Shell("head -c 100000 /dev/zero | \"$RTPROBE\" fw inspect -");
        Assert.Equal(ExitCode.Failure, exit);
        Assert.Contains("standard input delivers more than 8192 bytes", err);
        Assert.DoesNotContain("Unhandled", err);
    }

    // ---- pcap decrypt and standard output (found by a user's recheck) --------------------------

    [Theory]
    [InlineData("\"$RTPROBE\" pcap decrypt in.cap - -p biscotte -e test >> in.cap")]        // the capture appended to its own input
    [InlineData("\"$RTPROBE\" pcap decrypt in.cap out.cap -p biscotte -e test >> in.cap")]  // the summary appended to the input
    [InlineData("\"$RTPROBE\" pcap decrypt in.cap /dev/stdout -p biscotte -e test 1<>in.cap")]
    public void ThePublishedBinaryRefusesAStandardOutputThatIsTheInput(string command)
    {
        string dir = Directory.CreateTempSubdirectory("rtprobe-stdout-input").FullName;
        try
        {
            string input = Path.Combine(dir, "in.cap");
            File.Copy(TestPaths.RequireShared("testdata", "captures", "aircrack-ng", "wpa.cap"), input);
            byte[] before = File.ReadAllBytes(input);
            var (exit, _, err) = Shell($"cd '{dir}' && {command}");
            Assert.Equal(ExitCode.Usage, exit);
            Assert.Contains("standard output is the input 'in.cap'", err);
            Assert.Equal(before, File.ReadAllBytes(input));
            Assert.Equal(["in.cap"], Directory.GetFiles(dir).Select(Path.GetFileName));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Theory]
    [InlineData("")]
    [InlineData("--json")]
    public void ThePublishedBinaryReportsASummaryItCouldNotWrite(string json)
    {
        string dir = Directory.CreateTempSubdirectory("rtprobe-summary").FullName;
        try
        {
            string capture = TestPaths.RequireShared("testdata", "captures", "aircrack-ng", "wpa.cap");
            var (exit, _, err) = Shell($"\"$RTPROBE\" pcap decrypt '{capture}' '{dir}/out.cap' -p biscotte -e test {json} > /dev/full");
            Assert.Equal(ExitCode.Failure, exit); // before: exit 0 and no summary, so a script took it for success
            Assert.Equal(["rtprobe pcap decrypt: the summary was not shown: cannot write to standard output: no space left on device; " +
                          $"the decrypted capture was written all the same ('{dir}/out.cap')"], err.TrimEnd('\n').Split('\n'));
            Assert.True(File.Exists(Path.Combine(dir, "out.cap")));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Theory]
    [InlineData("WEP-40:1f1f1f1f1f")]
    [InlineData("wep:1f1f1f1f1f")]
    [InlineData("1:1f1f1f1f1f")]
    [InlineData("CCMP_128:00112233445566778899aabbccddeeff")]
    [InlineData("ccmp-128:00112233445566778899aabbccddeeff")]
    [InlineData("4:00112233445566778899aabbccddeeff")]
    public void PcapKeysTakeTheSameCipherNamesAsKeysAndBench(string key)
    {
        var captured = RtDriver.Wpa.CaptureKey.Parse(key);
        Assert.Equal(CipherNames.Parse(key[..key.IndexOf(':')]), captured.Cipher); // before: "unknown cipher" for all but "wep:"
    }

    [Fact]
    public void MessagesNameCiphersAsPeopleWriteThem()
    {
        var e = Assert.Throws<RtException>(() => RtDriver.Wpa.CaptureKey.Parse("ccmp:0001"));
        Assert.Contains("CCMP needs 16", e.Message); // before: "Ccmp needs 16" (the C# enum's name)
        e = Assert.Throws<RtException>(() => RtDriver.Wpa.CaptureKey.Parse("bip:00112233445566778899aabbccddeeff"));
        Assert.Contains("BIP-CMAC-128", e.Message);
        e = Assert.Throws<RtException>(() => RtDriver.Crypto.Frames.FrameKey.Create(RtCipher.BipCmac128, new byte[3], 4));
        Assert.Contains("BIP-CMAC-128", e.Message);
        Assert.DoesNotContain("BipCmac128", e.Message);
    }

    [Fact]
    public void ContradictoryOrOutOfRangeValuesAreUsageErrorsInCliWords()
    {
        var (exit, _, err) = Run("keys", "-d", "emu:rt2860", "set", "ccmp", "000102030405060708090a0b0c0d0e0f", "--addr", "00:0d:93:eb:b0:8c", "--force-hw", "--force-sw");
        Assert.Equal(ExitCode.Usage, exit);
        Assert.Contains("--force-hw and --force-sw exclude each other", err);
        Assert.DoesNotContain("0x", err); // before: "flags 0xd ask for both ..."
        (exit, _, err) = Run("regs", "write", "MAC_CSR0", "0x100000000", "-d", "emu:rt2860");
        Assert.Equal(ExitCode.Usage, exit);
        Assert.Contains("does not fit in 32 bits", err); // before: "is not a number"
    }

    // ---- parsing (4) ----------------------------------------------------------------------

    [Fact]
    public void VersionOptionPrintsWhatTheVersionCommandPrints()
    {
        var (e1, o1, _) = Run("--version");
        var (e2, o2, _) = Run("version");
        Assert.Equal(0, e1);
        Assert.Equal(0, e2);
        Assert.Equal(o2, o1);
        Assert.StartsWith("rtdriver ", o1);
    }

    [Theory]
    [InlineData("rtprobe: unknown command 'frobnicate' (commands: demo, version,", "frobnicate")]
    [InlineData("rtprobe demo: unrecognized command or argument '--bogus'", "demo", "--bogus")]
    [InlineData("rtprobe bench:", "bench", "--cipher")]
    [InlineData("rtprobe regs read:", "regs", "read")]
    [InlineData("rtprobe regs: 'poke' is not a subcommand of 'regs' (regs read, regs write, regs dump)", "regs", "poke")]
    [InlineData("rtprobe fw: 'fw' needs a subcommand: fw inspect, fw load", "fw")]
    [InlineData("rtprobe bench: unknown --cipher 'rot13'", "bench", "--cipher", "rot13")]
    [InlineData("rtprobe completion: argument 'fish' not recognized", "completion", "fish")]
    public void UsageErrorsAreOneLineWithTheHelpHintAndExitTwo(string start, params string[] args)
    {
        var (exit, output, err) = Run(args);
        Assert.Equal(ExitCode.Usage, exit);
        Assert.Equal("", output);
        var line = Assert.Single(err.TrimEnd('\n').Split('\n'));
        Assert.StartsWith(start, line);
        Assert.Contains("--help'", line);
    }

    [Fact]
    public void EveryCommandOptionAndArgumentIsDescribedInHelp()
    {
        foreach (var (path, command) in Commands())
        {
            Assert.False(string.IsNullOrWhiteSpace(command.Description), $"'{path}' has no description");
            foreach (var o in command.Options) Assert.False(string.IsNullOrWhiteSpace(o.Description), $"'{path} {o.Name}' has no description");
            foreach (var a in command.Arguments) Assert.False(string.IsNullOrWhiteSpace(a.Description), $"'{path}' argument {a.Name} has no description");
            var (exit, output, _) = Run([.. path.Split(' '), "--help"]);
            Assert.Equal(0, exit);
            foreach (var o in command.Options) Assert.Contains(o.Name, output);
        }
    }

    [Fact]
    public void PcapDecryptRunsThroughTheCommandTree()
    {
        var dir = Directory.CreateTempSubdirectory("rtprobe-cli-pcap-");
        try
        {
            string capture = TestPaths.RequireShared("testdata", "captures", "aircrack-ng", "wpa2-psk-linksys.cap");
            var (exit, output, err) = Run("pcap", "decrypt", capture, Path.Combine(dir.FullName, "out.pcap"), "--psk", "dictionary", "--ssid", "linksys", "--json");
            Assert.True(exit == 0, err);
            Assert.Equal(30, JsonDocument.Parse(output).RootElement.GetProperty("decrypted").GetInt32());
            (exit, _, err) = Run("pcap", "decrypt", capture, Path.Combine(dir.FullName, "x.pcap"), "--psk", "dictionary");
            Assert.Equal(ExitCode.Usage, exit);
            Assert.Contains("--psk needs --ssid", err);
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public void ShortOptionsWork()
    {
        var (exit, output, _) = Run("info", "-d", "emu:rt3070");
        Assert.Equal(0, exit);
        Assert.Contains("RT3070 (emulated)", output);
        (exit, output, _) = Run("selftest", "-v");
        Assert.Equal(0, exit);
        Assert.Contains("pass ", output);
    }

    // ---- registers (6) --------------------------------------------------------------------

    [Fact]
    public void RegsReadTakesNamesInAnyCaseOrOffsets()
    {
        foreach (var reg in new[] { "MAC_CSR0", "mac_csr0", "0x1000", "4096" })
        {
            var (exit, output, err) = Run("regs", "read", reg, "-d", "emu:rt2860");
            Assert.True(exit == 0, err);
            Assert.Contains("0x1000 = 0x28600101  MAC_CSR0", output);
            Assert.Matches(@"\[31:16\]\s+CHIPSET\s+0x2860", output);
        }
        var (code, _, error) = Run("regs", "read", "MAC_CRS0", "-d", "emu:rt2860");
        Assert.Equal(ExitCode.Usage, code);
        Assert.Contains("no register named 'MAC_CRS0' (did you mean MAC_CSR0?)", error);
    }

    [Fact]
    public void RegsDumpDecodesEveryNamedRegisterByField()
    {
        var (exit, output, _) = Run("regs", "dump", "-d", "emu:rt2860");
        Assert.Equal(0, exit);
        foreach (var r in RegisterMap.All)
        {
            Assert.Contains($"0x{r.Offset:x4}  {r.Name}", output);
            foreach (var f in r.Fields) Assert.Matches($@"\[{Regex.Escape(f.Range)}\]\s+{f.Name}\s", output);
        }
        Assert.Contains("TX_STA_FIFO", output);
        Assert.Contains("(not read: reading it has side effects)", output);
        var (jexit, json, _) = Run("regs", "dump", "-d", "emu:rt2860", "--json");
        Assert.Equal(0, jexit);
        var csr0 = JsonDocument.Parse(json).RootElement.GetProperty("registers").EnumerateArray().Single(r => r.GetProperty("name").GetString() == "MAC_CSR0");
        Assert.Equal("0x1000", csr0.GetProperty("offset").GetString());
        Assert.Equal("0x28600101", csr0.GetProperty("value").GetString());
        Assert.Equal("0x2860", csr0.GetProperty("fields")[0].GetProperty("value").GetString());
    }

    // ---- JSON on every command (6) --------------------------------------------------------

    private static readonly string[][] JsonCommandLines =
    [
        ["version"],
        ["list", "--sysfs", "/nonexistent-sysfs"],
        ["selftest"],
        ["demo"],
        ["bench", "--cipher", "ccmp,bip", "--sizes", "64", "--seconds", "0.01"],
        ["info", "-d", "emu:rt2860"],
        ["mcu", "0x31", "0", "0", "-d", "emu:rt2860"],
        ["mcu", "--probe", "-d", "emu:rt2860"],
        ["regs", "read", "MAC_CSR0", "-d", "emu:rt2860"],
        ["regs", "write", "LED_CFG", "0x1234", "-d", "emu:rt2860"],
        ["regs", "dump", "-d", "emu:rt2860"],
        ["keys", "-d", "emu:rt2860", "set", "ccmp", "000102030405060708090a0b0c0d0e0f", "--addr", "00:0d:93:eb:b0:8c", "+", "set", "gcmp", "000102030405060708090a0b0c0d0e0f", "--group", "+", "list", "--hw"],
        ["keys", "set", "ccmp", "000102030405060708090a0b0c0d0e0f", "--group", "-d", "emu:rt2860"],
        ["keys", "del", "--group", "-d", "emu:rt2860"],
        ["keys", "list", "-d", "emu:rt2860"],
        ["keys", "-d", "emu:rt2860"],
    ];

    private static readonly Regex SnakeCase = new("^[a-z][a-z0-9]*(_[a-z0-9]+)*$");

    // Values that are names of things in this vocabulary must be snake_case too.
    private static readonly HashSet<string> EnumLikeKeys = ["cipher", "outcome", "akm", "placement", "kind", "bus", "transport", "crypto_path", "default_path", "path", "role", "op", "result"];

    private static void CheckConventions(JsonElement e, string where)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                {
                    Assert.True(SnakeCase.IsMatch(p.Name), $"{where}: key '{p.Name}' is not snake_case");
                    // ("path" names a crypto path in selftest, but a file in pcap decrypt's outputs)
                    bool filePath = p.Name == "path" && p.Value.ValueKind == JsonValueKind.String && p.Value.GetString()!.Contains('/');
                    if (EnumLikeKeys.Contains(p.Name) && p.Value.ValueKind == JsonValueKind.String && where != "demo" && !filePath)
                        Assert.True(SnakeCase.IsMatch(p.Value.GetString()!), $"{where}: {p.Name} value '{p.Value.GetString()}' is not snake_case");
                    if (p.Value.ValueKind == JsonValueKind.String && p.Value.GetString()!.StartsWith("0x"))
                        Assert.Matches("^0x[0-9a-f]+$", p.Value.GetString()); // widths: see RegsDump / NotLoadedIsNull
                    CheckConventions(p.Value, where);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in e.EnumerateArray()) CheckConventions(item, where);
                break;
        }
    }

    [Fact]
    public void EveryCommandPrintsJsonWithTheSameConventions()
    {
        string capture = TestPaths.RequireShared("testdata", "captures", "aircrack-ng", "wpa2-psk-linksys.cap");
        string decrypted = Path.Combine(Path.GetTempPath(), $"rtprobe-json-{Environment.ProcessId}.pcapng");
        var lines = JsonCommandLines.Append(["fw", "inspect", Firmware, "--disasm"]).Append(["fw", "load", Firmware, "-d", "emu:rt2860"])
            .Append(["pcap", "decrypt", capture, "-w", decrypted, "-p", "dictionary", "-e", "linksys"]).ToList();
        foreach (var line in lines)
        {
            var (exit, output, err) = Run([.. line, "--json"]);
            string where = string.Join(' ', line.Take(2));
            Assert.True(exit == 0, $"{where}: exit {exit}: {err}");
            using var doc = JsonDocument.Parse(output);
            CheckConventions(doc.RootElement, line[0]);
        }
        File.Delete(decrypted);
        // Every command that has --json is exercised above.
        var covered = lines.Select(l => string.Join(' ', l.TakeWhile(w => !w.StartsWith('-') && w != "MAC_CSR0" && w != "LED_CFG" && w != "ccmp" && !w.StartsWith('/')).Take(2))).ToHashSet();
        foreach (var (path, command) in Commands())
            if (CompletionCommand.AllOptions(command).Any(o => o.Name == "--json"))
                Assert.True(covered.Contains(path), $"'{path}' has --json but no test of it here");
    }

    [Fact]
    public void NotLoadedIsNull()
    {
        var (_, json, _) = Run("info", "-d", "emu:rt2860", "--json");
        var root = JsonDocument.Parse(json).RootElement;
        Assert.False(root.GetProperty("firmware_loaded").GetBoolean());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("firmware_crc").ValueKind);
        Assert.Equal("emulator", root.GetProperty("bus").GetString());
    }

    // ---- cipher names (7) -----------------------------------------------------------------

    [Theory]
    [InlineData("bip", RtCipher.BipCmac128)]
    [InlineData("BIP-CMAC-128", RtCipher.BipCmac128)]
    [InlineData("bip_gmac256", RtCipher.BipGmac256)]
    [InlineData("CCMP-256", RtCipher.Ccmp256)]
    [InlineData("ccmp128", RtCipher.Ccmp)]
    [InlineData("WEP", RtCipher.Wep40)]
    [InlineData("4", RtCipher.Ccmp)]
    public void OneCipherParserAcceptsEverySpelling(string name, RtCipher expected)
    {
        Assert.Equal(expected, CipherNames.Parse(name));
        Assert.Equal(expected, CipherNames.Parse(CipherNames.Name(expected)));
    }

    [Fact]
    public void BenchAndKeysAcceptTheSameBipNames()
    {
        var (exit, output, err) = Run("bench", "--cipher", "BIP-CMAC-128", "--sizes", "64", "--seconds", "0.01", "--json");
        Assert.True(exit == 0, err);
        Assert.Equal("bip_cmac128", JsonDocument.Parse(output).RootElement.GetProperty("results")[0].GetProperty("cipher").GetString());
        (exit, output, err) = Run("keys", "-d", "emu:rt2860", "--json", "set", "BIP-CMAC-128", "000102030405060708090a0b0c0d0e0f", "--group");
        Assert.True(exit == 0, err);
        Assert.Equal("bip_cmac128", JsonDocument.Parse(output).RootElement.GetProperty("keys")[0].GetProperty("cipher").GetString());
    }

    [Fact]
    public void CliMessagesNeverTellUsersToCallCFunctions()
    {
        var literal = new Regex("\"[^\"\\n]*\\brt_[a-z_]+[^\"\\n]*\"");
        // LibraryMessage.cs is exempt: it holds the library's C wording in order to replace it.
        var files = Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, "src", "RtProbe"), "*.cs", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != "LibraryMessage.cs").ToList();
        Assert.True(files.Count > 20, $"only {files.Count} rtprobe sources found");
        foreach (var file in files)
            Assert.DoesNotMatch(literal, File.ReadAllText(file));
    }

    [Theory]
    [InlineData(ExitCode.Usage, "keys", "-d", "emu:rt2860", "set", "tkip", "0011", "--group")]
    [InlineData(ExitCode.Failure, "keys", "-d", "emu:rt2860", "set", "gcmp", "000102030405060708090a0b0c0d0e0f", "--group", "--force-hw")]
    [InlineData(ExitCode.NoDevice, "info")]
    [InlineData(ExitCode.Usage, "fw", "load", "/nonexistent/rt2860.bin", "-d", "emu:rt2860")]
    public void LibraryErrorsReachTheUserInCliWords(int code, params string[] args)
    {
        var (exit, _, err) = Run(args);
        Assert.Equal(code, exit);
        Assert.Single(err.TrimEnd('\n').Split('\n'));
        Assert.DoesNotMatch(@"\brt_[a-z_]+\(|RT_KEY_|\bset_key: |load_firmware: |key_len|NULL", err);
    }

    // ---- completion and man page (4, 8) -----------------------------------------------------

    [Fact]
    public void BashCompletionKnowsEveryCommandAndOption()
    {
        var (exit, script, _) = Run("completion", "bash");
        Assert.Equal(0, exit);
        Assert.Contains("complete -o default -F _rtprobe rtprobe", script);
        foreach (var (path, command) in Commands())
        {
            var words = Regex.Match(script, $"\"{Regex.Escape(path)}\"\\) words=\"([^\"]*)\"").Groups[1].Value.Split(' ');
            foreach (var o in CompletionCommand.AllOptions(command))
                foreach (var name in o.Aliases.Append(o.Name)) Assert.Contains(name, words);
            foreach (var s in command.Subcommands) Assert.Contains(s.Name, words);
        }
    }

    [Fact]
    public void TheSuggestDirectiveCompletesForDotnetSuggest()
    {
        var (exit, output, _) = Run("[suggest:11]", "rtprobe fw ");
        Assert.Equal(0, exit);
        Assert.Equal(["inspect", "load"], output.Split('\n').Where(l => !l.StartsWith('-') && !l.StartsWith('/') && l.Length > 0));
        (exit, output, _) = Run("[suggest:14]", "rtprobe regs r");
        Assert.Equal(0, exit);
        Assert.Contains("read", output.Split('\n'));
    }

    [Fact]
    public void TheManPageDocumentsEveryCommandAndOption()
    {
        string page = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "rtprobe.1")).Replace("\\-", "-").Replace("\\fB", "").Replace("\\fR", "").Replace("\\fI", "");
        foreach (var (path, command) in Commands())
        {
            Assert.True(page.Contains(path), $"rtprobe.1 does not mention the command '{path}'");
            foreach (var o in CompletionCommand.AllOptions(command).Where(o => o.Name != "--help"))
                foreach (var name in o.Aliases.Append(o.Name))
                    Assert.True(Regex.IsMatch(page, $@"(?<![\w-]){Regex.Escape(name)}(?![\w-])"), $"rtprobe.1 does not mention {name} of '{path}'");
        }
        foreach (var section in new[] { ".SH EXIT STATUS", ".SH JSON OUTPUT", ".SH ENVIRONMENT", ".SH FILES", ".SH EXAMPLES", "completion bash", "RTDRIVER_FIRMWARE_DIR" })
            Assert.Contains(section, page);
    }
}
