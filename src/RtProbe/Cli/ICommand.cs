namespace RtProbe;

/// <summary>
/// The pre-System.CommandLine command shape, kept only while `pcap decrypt` (PcapDecryptCommand.cs,
/// rewritten in parallel) still implements it; <see cref="PcapBridge"/> forwards to it. Remove
/// together with the bridge once PcapDecryptCommand.Create() is merged.
/// </summary>
internal interface ICommand
{
    string Name { get; }
    string Summary { get; }
    string Usage { get; }
    int Run(string[] args);
}
