using System.Text.RegularExpressions;

namespace RtProbe;

/// <summary>
/// The library writes its error texts for every caller, and some still speak C: a function-name
/// prefix ("set_key: "), C parameter and flag names (key_len, RT_KEY_FORCE_HARDWARE), a call to
/// rt_device_open. rtprobe's user typed options, not C calls, so those parts are said in the
/// user's words here. Each rule is a no-op once the library phrases the text neutrally.
/// </summary>
internal static partial class LibraryMessage
{
    private static readonly (string C, string Cli)[] Words =
    [
        (" (rt_device_open(\"emu:rt2860\", …))", ""),
        ("RT_KEY_FORCE_HARDWARE", "--force-hw"),
        ("RT_KEY_FORCE_SOFTWARE", "--force-sw"),
        ("RT_KEY_MFP", "--mfp"),
        ("RT_KEY_GROUP", "--group"),
        ("RT_KEY_PAIRWISE", "--addr (pairwise)"),
        ("key_len ", "key length "),
        ("pass NULL to use the search path", "give no FILE to use the search path"),
    ];

    [GeneratedRegex("^(set_key|del_key|load_firmware|load_firmware_mem|get_info|mcu_command|read32|write32|list_keys): ")]
    private static partial Regex FunctionPrefix();

    public static string ForCli(string message)
    {
        string m = FunctionPrefix().Replace(message, "");
        foreach (var (c, cli) in Words) m = m.Replace(c, cli);
        return m;
    }
}
