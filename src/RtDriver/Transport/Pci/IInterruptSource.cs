namespace RtDriver.Transport.Pci;

/// <summary>
/// A device's interrupt line as a waitable object (VFIO: an eventfd; uio: /dev/uioN). The data
/// path waits, services INT_SOURCE_CSR, then re-arms. Waits are bounded: never an infinite block.
/// </summary>
public interface IInterruptSource : IDisposable
{
    /// <summary>"MSI via eventfd", "INTx via eventfd", "INTx via /dev/uio0".</summary>
    string Description { get; }

    /// <summary>Waits up to <paramref name="timeoutMs"/> ms; returns how many interrupts arrived (0 on timeout).</summary>
    long Wait(int timeoutMs);

    /// <summary>Re-enables a level-triggered line the kernel masked when it fired (INTx); a no-op for MSI.</summary>
    void Rearm();
}
