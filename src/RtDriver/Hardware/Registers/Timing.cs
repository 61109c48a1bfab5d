namespace RtDriver.Hardware.Registers;

/// <summary>Busy-poll constants (Linux rt2x00.h, docs/hardware.md §3.3) and the named waits built on them.</summary>
public static class PollLimits
{
    public const int REGISTER_BUSY_COUNT = 100;
    public const int REGISTER_USB_BUSY_COUNT = 20;
    public const int REGISTER_BUSY_DELAY_US = 100;

    /// <summary>CSR ready (MAC_CSR0 neither 0 nor all-ones): Linux 100 × 1 ms.</summary>
    public const int CSR_READY_COUNT = 100;
    public const int CSR_READY_DELAY_US = 1000;

    /// <summary>PBF_SYS_CTRL READY after a firmware load: Linux 100 × 1 ms.</summary>
    public const int MCU_READY_COUNT = 100;
    public const int MCU_READY_DELAY_US = 1000;

    /// <summary>Mailbox completion (token in CID): 200 × 100 µs.</summary>
    public const int MCU_STATUS_COUNT = 200;
    public const int MCU_STATUS_DELAY_US = 100;

    /// <summary>WPDMA idle (TX/RX DMA busy clear): 100 × 10 ms.</summary>
    public const int WPDMA_IDLE_COUNT = 100;
    public const int WPDMA_IDLE_DELAY_US = 10_000;
}
