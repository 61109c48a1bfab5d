using System.Diagnostics;

namespace RtDriver.Transport;

/// <summary>
/// Where the hardware sequences get their delays. A bus that implements this (the emulator,
/// with a virtual clock) decides what a delay means; otherwise <see cref="SystemTiming"/>
/// really waits. This keeps every named timeout honest on real hardware while tests against
/// the emulator take no wall-clock time per poll.
/// </summary>
public interface IHardwareTiming
{
    void DelayMicroseconds(int microseconds);
}

/// <summary>Real delays: sleeps for whole milliseconds, spins for shorter waits (Thread.Sleep is too coarse for 100 µs).</summary>
public sealed class SystemTiming : IHardwareTiming
{
    public static readonly SystemTiming Instance = new();

    public void DelayMicroseconds(int microseconds)
    {
        if (microseconds <= 0) return;
        if (microseconds >= 1000)
        {
            Thread.Sleep(microseconds / 1000);
            microseconds %= 1000;
            if (microseconds == 0) return;
        }
        long until = Stopwatch.GetTimestamp() + microseconds * Stopwatch.Frequency / 1_000_000;
        while (Stopwatch.GetTimestamp() < until) Thread.SpinWait(20);
    }
}
