using Xunit;
using RtDriver.Transport;
using RtDriver.Transport.Usb;

namespace RtDriver.Tests.Fakes;

/// <summary>An IUsbControl that records every request and answers IN requests from a callback.</summary>
internal sealed class RecordingUsbControl : IUsbControl
{
    public record Request(bool In, byte Code, ushort Value, ushort Index, byte[] Data, int TimeoutMs);

    public List<Request> Requests { get; } = new();
    public Func<Request, int>? FailFirst { get; set; }
    public int Failures;
    public Func<byte, ushort, ushort, int, byte[]>? Answer { get; set; }
    public RtStatus FailWith { get; set; } = RtStatus.Io;
    public int FailCount { get; set; }

    public string Description => "recording usb";

    /// <summary>Host time as the retry budget sees it (pass it as the bus's retryClock): each injected
    /// failure takes <see cref="FailureMicroseconds"/> of it, and nothing else does, so how many
    /// retries fit the budget is the same on every machine, however fast or loaded.</summary>
    public ManualClock Clock { get; } = new();
    public long FailureMicroseconds { get; set; } = 1000;

    private RtException Fail()
    {
        Failures++;
        Clock.NowMicroseconds += FailureMicroseconds;
        return new RtException(FailWith, "injected failure");
    }

    public int ControlIn(byte request, ushort value, ushort index, Span<byte> data, int timeoutMs)
    {
        var r = new Request(true, request, value, index, new byte[data.Length], timeoutMs);
        Requests.Add(r);
        if (Failures < FailCount) throw Fail();
        var a = Answer?.Invoke(request, value, index, data.Length) ?? new byte[data.Length];
        a.AsSpan(0, Math.Min(a.Length, data.Length)).CopyTo(data);
        return Math.Min(a.Length, data.Length);
    }

    public void ControlOut(byte request, ushort value, ushort index, ReadOnlySpan<byte> data, int timeoutMs)
    {
        Requests.Add(new Request(false, request, value, index, data.ToArray(), timeoutMs));
        if (Failures < FailCount) throw Fail();
    }

    public void Dispose() { }
}

/// <summary>A clock that moves only when the test moves it.</summary>
internal sealed class ManualClock : IHardwareClock
{
    public long NowMicroseconds { get; set; }
}
