using System.Reflection;
using System.Reflection.Emit;
using RtDriver.Device;
using Xunit;

namespace RtDriver.Tests.Architecture;

/// <summary>
/// The layering of docs/architecture.md ("Allowed dependencies"), checked over the compiled
/// assemblies: for every type, everything it names — base type, interfaces, fields, properties,
/// events, method signatures and every type, method and field token in its method bodies' IL
/// (lambdas, local functions and iterators are nested types, so they count for the type that
/// wrote them) — must belong to a layer the rules let it use. Namespaces mirror folders, so a
/// layer is a namespace prefix. The rules here and the table in docs/architecture.md are the
/// same list; change both together.
/// </summary>
public class LayeringTests
{
    // ---------------------------------------------------------------- the rules (docs/architecture.md)

    private const string Root = "RtDriver";           // RtException, RtStatus, RtCipher, RtCipherInfo, MacAddress, LibraryInfo: usable by everyone
    private const string Transport = "RtDriver.Transport";
    private const string Registers = "RtDriver.Hardware.Registers";
    private const string Hardware = "RtDriver.Hardware";   // the hardware services: Chip, Eeprom, Firmware, Mcu, Keys, Radio
    private const string Offload = "RtDriver.Offload";
    private const string Device = "RtDriver.Device";
    private const string Emulation = "RtDriver.Emulation";
    private const string Crypto = "RtDriver.Crypto";
    private const string Capture = "RtDriver.Capture";
    private const string Wpa = "RtDriver.Wpa";
    private const string HardwareFirmware = "RtDriver.Hardware.Firmware";

    /// <summary>Layer → the layers it may use besides itself and <see cref="Root"/>. Longest prefix wins.</summary>
    internal static readonly Dictionary<string, string[]> MayUse = new()
    {
        // Transports move words: they know no register names, no chip, no device, no emulator.
        [Transport] = [],
        // The register map: names and bit fields of the datasheet, plus the checked register helpers over the bus.
        [Registers] = [Transport],
        // Hardware services (Chip, Eeprom, Firmware, Mcu, Keys, Radio) use each other, the register map and the bus.
        [Hardware] = [Registers, Transport],
        // Key offload: the hardware key tables and the software twin it falls back to.
        [Offload] = [Hardware, Registers, Transport, Crypto],
        // The façade: everything below it. Emulation only through DeviceFactory (ExceptionsFor).
        [Device] = [Offload, Hardware, Registers, Transport, Crypto],
        // A peer of the transports: implements the bus (and the USB control pipe), models the chip with
        // the register map and checks firmware as the boot ROM does (Hardware.Firmware's image format).
        [Emulation] = [Transport, Registers, HardwareFirmware],
        // The pure-software wings know no device.
        [Crypto] = [],
        [Capture] = [Crypto],
        [Wpa] = [Crypto, Capture],
    };

    /// <summary>Single types allowed one more layer than their folder: the device factory is the one place that knows emulators exist.</summary>
    internal static readonly Dictionary<string, string[]> TypeExceptions = new()
    {
        ["RtDriver.Device.DeviceFactory"] = [Emulation],
    };

    /// <summary>
    /// Known violations still to fix — each one is another engineer's work in progress. Entries are
    /// "FromType -> ToType" (outermost declaring types). This list may only shrink: a violation not
    /// listed here fails the test, and an entry that no longer occurs fails it too (remove it).
    /// </summary>
    internal static readonly HashSet<string> KnownViolations =
    [
        // none left: the cipher facts HwCipherMap forwarded into Crypto.Frames.FrameKey live at the root (RtCipherInfo)
    ];

    /// <summary>The same known violations as the source check sees them: "file's type -> layer".</summary>
    internal static readonly HashSet<string> KnownSourceViolations =
    [
    ];

    /// <summary>Front ends (the C ABI, rtprobe) use the façade and the pure-software wings; nothing below the device.</summary>
    internal static readonly string[] FrontEndMayUse = [Root, Device, Offload, Crypto, Capture, Wpa];

    /// <summary>
    /// Types from below the device that are part of the façade's surface: RtDevice's members return
    /// them (McuCommand, LoadFirmware, ReadHardwareKeyTables, Role, Identity, GetInfo().Bus), and so
    /// do the surfaces beside it (FirmwareInspection.Inspect: FirmwareImage; NicScan: BusKind).
    /// </summary>
    internal static readonly HashSet<string> FacadeSurface =
    [
        "RtDriver.Hardware.Mcu.McuCommandResult",
        "RtDriver.Hardware.Firmware.FirmwareLoadResult",
        "RtDriver.Hardware.Firmware.FirmwareImage",
        "RtDriver.Hardware.Keys.HwKeySlot",
        "RtDriver.Hardware.Keys.HwCipher",          // HwKeySlot.Cipher
        "RtDriver.Hardware.Firmware.KnownFirmware", // FirmwareImage's identification
        "RtDriver.Hardware.Firmware.FirmwareFamily", // FirmwareImage.Family, KnownFirmware.Family
        "RtDriver.Hardware.Firmware.FirmwareChunk",  // FirmwareImage.Chunks
        "RtDriver.Hardware.Keys.DeviceRole",
        "RtDriver.Hardware.Chip.ChipIdentity",
        "RtDriver.Transport.BusKind",
    ];

    /// <summary>
    /// Front-end uses of the layers below the device still to fix — none: rtprobe's tools that look
    /// below on purpose (fw inspect, list, regs) use FirmwareInspection, NicDiscovery and
    /// RegisterNames beside the façade. This list may only shrink. "FromType -> ToType".
    /// </summary>
    internal static readonly HashSet<string> FrontEndKnownViolations = [];

    /// <summary>The same, as the source check sees them: "file -> namespace or type named".</summary>
    internal static readonly HashSet<string> FrontEndKnownSourceViolations = [];

    // ---------------------------------------------------------------- the checks

    [Fact]
    public void LibraryLayersUseOnlyWhatTheArchitectureAllows()
    {
        var found = Violations(typeof(RtDevice).Assembly, LibraryRule).ToHashSet();
        var unexpected = found.Except(KnownViolations).Order().ToList();
        var fixedOnes = KnownViolations.Except(found).Order().ToList();
        Assert.True(unexpected.Count == 0, "layering violations (docs/architecture.md, Allowed dependencies):\n  " + string.Join("\n  ", unexpected));
        Assert.True(fixedOnes.Count == 0, "fixed — remove from KnownViolations:\n  " + string.Join("\n  ", fixedOnes));
    }

    /// <summary>
    /// The same rules over the sources: constants (RtReg's register offsets, request codes) are
    /// inlined by the compiler and leave no token in the IL, so the using directives and qualified
    /// names of every file under src/RtDriver are checked too.
    /// </summary>
    [Fact]
    public void LibrarySourcesNameOnlyWhatTheArchitectureAllows()
    {
        var found = SourceViolations(Path.Combine(TestPaths.RepoRoot, "src", "RtDriver")).ToHashSet();
        var unexpected = found.Except(KnownSourceViolations).Order().ToList();
        var fixedOnes = KnownSourceViolations.Except(found).Order().ToList();
        Assert.True(unexpected.Count == 0, "layering violations in the sources (docs/architecture.md, Allowed dependencies):\n  " + string.Join("\n  ", unexpected));
        Assert.True(fixedOnes.Count == 0, "fixed — remove from KnownSourceViolations:\n  " + string.Join("\n  ", fixedOnes));
    }

    private static readonly System.Text.RegularExpressions.Regex NamespaceDecl = new(@"^namespace\s+([\w.]+)\s*[;{]", System.Text.RegularExpressions.RegexOptions.Multiline);
    private static readonly System.Text.RegularExpressions.Regex Qualified = new(@"(?<![\w.])(?:global::)?(RtDriver(?:\.[A-Z]\w*)+|(?:Transport|Hardware|Offload|Device|Emulation|Crypto|Capture|Wpa)(?:\.[A-Z]\w*)+)");

    /// <summary>"File's type -> layer" for every using directive or qualified name a file's layer may not use.</summary>
    internal static IEnumerable<string> SourceViolations(string root)
    {
        foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")) continue;
            string text = File.ReadAllText(file);
            var ns = NamespaceDecl.Match(text);
            if (!ns.Success) continue;
            string from = ns.Groups[1].Value;
            string typeName = $"{from}.{Path.GetFileNameWithoutExtension(file).Split('.')[0]}";
            string? f = LayerOf(from);
            if (f is null) continue;
            // Comments and strings name things without using them.
            string code = System.Text.RegularExpressions.Regex.Replace(text, @"//[^\n]*|""(?:[^""\\\n]|\\.)*""", "");
            foreach (System.Text.RegularExpressions.Match m in Qualified.Matches(code))
            {
                string name = m.Groups[1].Value.StartsWith("RtDriver.", StringComparison.Ordinal) ? m.Groups[1].Value : "RtDriver." + m.Groups[1].Value;
                string? t = LayerOf(name);
                if (t is null || t == Root || t == f) continue;
                if (MayUse[f].Any(p => Within(name, p))) continue;
                if (TypeExceptions.TryGetValue(typeName, out var extra) && extra.Any(p => Within(name, p))) continue;
                yield return $"{typeName} -> {t}";
            }
        }
    }

    /// <summary>The C ABI and rtprobe go through RtDevice (or the small surface beside it), never below it.</summary>
    [Fact]
    public void FrontEndsGoThroughTheFacade()
    {
        var found = new[] { typeof(RtDriver.Native.Abi).Assembly, typeof(RtProbe.CommandLine).Assembly }
            .SelectMany(a => Violations(a, FrontEndRule))
            .Where(v => !v.StartsWith("RtProbe.Commands.PcapDecrypt", StringComparison.Ordinal)) // rtprobe pcap decrypt: its own engineer
            .ToHashSet();
        var unexpected = found.Except(FrontEndKnownViolations).Order().ToList();
        var fixedOnes = FrontEndKnownViolations.Except(found).Order().ToList();
        Assert.True(unexpected.Count == 0, "front ends reaching below the device (docs/architecture.md, Allowed dependencies):\n  " + string.Join("\n  ", unexpected));
        Assert.True(fixedOnes.Count == 0, "fixed — remove from FrontEndKnownViolations:\n  " + string.Join("\n  ", fixedOnes));
    }

    /// <summary>Front-end sources: constants (register codes) and enum casts leave no token in the IL, so usings and qualified names are checked too.</summary>
    [Fact]
    public void FrontEndSourcesNameOnlyTheFacade()
    {
        var src = Path.Combine(TestPaths.RepoRoot, "src");
        var found = new HashSet<string>();
        foreach (var project in new[] { "RtDriver.Native", "RtProbe" })
        foreach (var file in Directory.EnumerateFiles(Path.Combine(src, project), "*.cs", SearchOption.AllDirectories))
        {
            string rel = Path.GetRelativePath(src, file).Replace(Path.DirectorySeparatorChar, '/');
            if (rel.Contains("/obj/") || rel.Contains("/bin/") || rel.StartsWith("RtProbe/Commands/PcapDecrypt", StringComparison.Ordinal)) continue;
            string code = System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(file), @"//[^\n]*|""(?:[^""\\\n]|\\.)*""", "");
            foreach (System.Text.RegularExpressions.Match m in Qualified.Matches(code))
            {
                string name = m.Groups[1].Value.StartsWith("RtDriver.", StringComparison.Ordinal) ? m.Groups[1].Value : "RtDriver." + m.Groups[1].Value;
                if (Within(name, "RtDriver.Native") || FacadeSurface.Any(t => Within(name, t))) continue;
                if (LayerOf(name) is var t && (t == Root || FrontEndMayUse.Any(p => p != Root && Within(name, p)))) continue;
                found.Add($"{rel} -> {name}");
            }
        }
        var unexpected = found.Except(FrontEndKnownSourceViolations).Order().ToList();
        var fixedOnes = FrontEndKnownSourceViolations.Except(found).Order().ToList();
        Assert.True(unexpected.Count == 0, "front-end sources naming what is below the device (docs/architecture.md, Allowed dependencies):\n  " + string.Join("\n  ", unexpected));
        Assert.True(fixedOnes.Count == 0, "fixed — remove from FrontEndKnownSourceViolations:\n  " + string.Join("\n  ", fixedOnes));
    }

    private static bool FrontEndRule(Type from, Type to)
    {
        string? t = LayerOf(to.Namespace);
        if (t is null || FacadeSurface.Contains(to.FullName!)) return true;
        return FrontEndMayUse.Any(p => p == Root ? t == Root : Within(to.Namespace!, p));
    }

    [Fact]
    public void TheCheckSeesMethodBodiesAndSignatures()
    {
        // Sanity of the scanner itself: RtDevice's bodies call into Hardware, its signatures name Offload.
        var refs = ReferencedTypes(typeof(RtDevice)).Select(t => t.Namespace).ToHashSet();
        Assert.Contains("RtDriver.Hardware.Keys", refs);
        Assert.Contains("RtDriver.Offload", refs);
        Assert.Contains("RtDriver.Transport", refs);
    }

    private static bool LibraryRule(Type from, Type to)
    {
        string? f = LayerOf(from.Namespace), t = LayerOf(to.Namespace);
        if (f is null || t is null || t == Root || f == t) return true;
        if (MayUse[f].Any(p => Within(to.Namespace!, p))) return true;
        return TypeExceptions.TryGetValue(Outermost(from).FullName!, out var extra) && extra.Any(p => Within(to.Namespace!, p));
    }

    private static bool Within(string ns, string prefix) => ns == prefix || ns.StartsWith(prefix + ".", StringComparison.Ordinal);

    /// <summary>The layer of a namespace: the longest key of <see cref="MayUse"/> that prefixes it (Hardware.Keys → Hardware, Hardware.Registers → Registers).</summary>
    internal static string? LayerOf(string? ns)
    {
        if (ns is null || !Within(ns, Root)) return null;
        if (ns == Root) return Root;
        return MayUse.Keys.Where(layer => Within(ns, layer)).MaxBy(layer => layer.Length) ?? ns;
    }

    internal static IEnumerable<string> Violations(Assembly assembly, Func<Type, Type, bool> allowed)
    {
        foreach (var type in assembly.GetTypes())
        {
            if (type.Namespace is null || !(type.Namespace.StartsWith(Root, StringComparison.Ordinal) || type.Namespace.StartsWith("RtProbe", StringComparison.Ordinal))) continue;
            foreach (var used in ReferencedTypes(type))
            {
                var target = Outermost(used);
                if (target.Assembly != typeof(RtDevice).Assembly) continue;
                if (!allowed(type, target)) yield return $"{Outermost(type).FullName} -> {target.FullName}";
            }
        }
    }

    private static Type Outermost(Type t)
    {
        while (t.DeclaringType is not null) t = t.DeclaringType;
        return t;
    }

    // ---------------------------------------------------------------- the scanner

    private const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>Every type <paramref name="type"/> names in its declaration and its IL.</summary>
    internal static HashSet<Type> ReferencedTypes(Type type)
    {
        var seen = new HashSet<Type>();
        void Add(Type? t)
        {
            if (t is null || t.IsGenericParameter) return;
            if (t.HasElementType) { Add(t.GetElementType()); return; }
            if (t.IsGenericType && !t.IsGenericTypeDefinition)
            {
                foreach (var a in t.GetGenericArguments()) Add(a);
                t = t.GetGenericTypeDefinition();
            }
            seen.Add(t);
        }
        void AddMember(MemberInfo m)
        {
            Add(m.DeclaringType);
            switch (m)
            {
                case FieldInfo f: Add(f.FieldType); break;
                case MethodInfo mi:
                    Add(mi.ReturnType);
                    foreach (var p in mi.GetParameters()) Add(p.ParameterType);
                    if (mi.IsGenericMethod) foreach (var a in mi.GetGenericArguments()) Add(a);
                    break;
                case ConstructorInfo c:
                    foreach (var p in c.GetParameters()) Add(p.ParameterType);
                    break;
                case Type t: Add(t); break;
            }
        }

        Add(type.BaseType);
        foreach (var i in type.GetInterfaces()) Add(i);
        foreach (var f in type.GetFields(All)) Add(f.FieldType);
        foreach (var p in type.GetProperties(All)) Add(p.PropertyType);
        foreach (var e in type.GetEvents(All)) Add(e.EventHandlerType);
        var methods = type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All));
        foreach (var m in methods)
        {
            AddMember(m);
            foreach (var token in TokensIn(m))
            {
                MemberInfo? resolved = null;
                try
                {
                    resolved = m.Module.ResolveMember(token,
                        type.IsGenericType ? type.GetGenericArguments() : null,
                        m.IsGenericMethod ? m.GetGenericArguments() : null);
                }
                catch (ArgumentException) { }
                if (resolved is not null) AddMember(resolved);
            }
        }
        return seen;
    }

    private static readonly Dictionary<short, OpCode> OpCodesByValue =
        typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    /// <summary>The metadata tokens (type, method, field, token operands) in a method body's IL.</summary>
    private static IEnumerable<int> TokensIn(MethodBase method)
    {
        byte[]? il;
        try { il = method.GetMethodBody()?.GetILAsByteArray(); }
        catch (InvalidOperationException) { yield break; }
        if (il is null) yield break;
        int i = 0;
        while (i < il.Length)
        {
            short value = il[i] == 0xFE ? (short)(0xFE00 | il[i + 1]) : il[i];
            i += il[i] == 0xFE ? 2 : 1;
            var op = OpCodesByValue[value];
            switch (op.OperandType)
            {
                case OperandType.InlineField:
                case OperandType.InlineMethod:
                case OperandType.InlineTok:
                case OperandType.InlineType:
                    yield return BitConverter.ToInt32(il, i);
                    i += 4;
                    break;
                case OperandType.InlineSwitch:
                    i += 4 + 4 * BitConverter.ToInt32(il, i);
                    break;
                case OperandType.InlineI8:
                case OperandType.InlineR:
                    i += 8;
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget:
                case OperandType.ShortInlineI:
                case OperandType.ShortInlineVar:
                    i += 1;
                    break;
                case OperandType.InlineVar:
                    i += 2;
                    break;
                default: // InlineBrTarget, InlineI, InlineSig, InlineString, ShortInlineR
                    i += 4;
                    break;
            }
        }
    }
}
