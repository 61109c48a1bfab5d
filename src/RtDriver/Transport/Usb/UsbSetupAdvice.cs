namespace RtDriver.Transport.Usb;

/// <summary>The udev rule that lets an ordinary user open a USB NIC, for error messages and `rtprobe list`.</summary>
public static class UsbSetupAdvice
{
    public const string RulesFile = "/etc/udev/rules.d/70-rtdriver.rules";

    /// <summary>The rule line for one vendor/product (or every Ralink device when ids are null).</summary>
    public static string UdevRule(ushort? vendor, ushort? product)
    {
        string v = vendor is ushort vv ? $"{vv:x4}" : "148f";
        string p = product is ushort pp ? $", ATTR{{idProduct}}==\"{pp:x4}\"" : "";
        return $"SUBSYSTEM==\"usb\", ATTR{{idVendor}}==\"{v}\"{p}, MODE=\"0660\", GROUP=\"plugdev\", TAG+=\"uaccess\"";
    }

    /// <summary>One line: where the rule goes and how to reload udev.</summary>
    public static string UdevRuleInstruction(ushort? vendor, ushort? product) =>
        $"add the line '{UdevRule(vendor, product)}' to {RulesFile}, then run 'sudo udevadm control --reload-rules && sudo udevadm trigger' and replug the device";
}
