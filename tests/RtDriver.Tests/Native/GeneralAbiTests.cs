using System.Runtime.InteropServices;
using RtDriver.Native;
using Xunit;

namespace RtDriver.Tests.Native;

public class GeneralAbiTests
{
    [Fact]
    public void StatusNamesMatchTheContract()
    {
        Assert.Equal("RT_OK", RtStatusNames.Name(0));
        Assert.Equal("RT_ERR_MIC", RtStatusNames.Name(-13));
        Assert.Equal("RT_ERR_STATE", RtStatusNames.Name(-16));
        Assert.Equal("RT_UNKNOWN", RtStatusNames.Name(-17));
        Assert.Equal("RT_UNKNOWN", RtStatusNames.Name(1));
        foreach (RtStatus s in Enum.GetValues<RtStatus>())
            Assert.NotEqual("RT_UNKNOWN", s.Name());
    }

    [Fact]
    public void HandlesRejectForgedFreedAndMistypedValues()
    {
        var target = new object();
        nint h = HandleTable.Add(target);
        Assert.Same(target, HandleTable.Get<object>(h));
        Assert.Null(HandleTable.Get<string>(h));                   // wrong type
        Assert.Null(HandleTable.Get<object>(h + 16));             // neighbouring slot
        Assert.Null(HandleTable.Get<object>((nint)0x12345678));   // forged
        Assert.Null(HandleTable.Get<object>(0));
        Assert.Same(target, HandleTable.Remove<object>(h));
        Assert.Null(HandleTable.Get<object>(h));                   // freed
        Assert.Null(HandleTable.Remove<object>(h));                // double free
        nint reused = HandleTable.Add(new object());               // slot reused, new generation
        Assert.NotEqual(h, reused);
        Assert.Null(HandleTable.Get<object>(h));
        HandleTable.Remove<object>(reused);
    }

    [Fact]
    public unsafe void LastErrorIsPerThread()
    {
        string? other = null;
        LastError.Set("main thread error");
        var t = new Thread(() =>
        {
            LastError.Set("worker error 42");
            other = Marshal.PtrToStringUTF8((nint)LastError.Get());
        });
        t.Start();
        t.Join();
        Assert.Equal("worker error 42", other);
        Assert.Equal("main thread error", Marshal.PtrToStringUTF8((nint)LastError.Get()));
    }

    [Fact]
    public unsafe void LastErrorBuffersOfEndedThreadsAreFreed()
    {
        // 200 short-lived threads each leave a message behind; once they have ended (and the
        // collector has run their buffers' finalizers) none of those buffers is still held.
        // Other tests' threads may hold buffers too, so compare against the count before.
        Settle();
        int before = LastError.LiveBuffers;
        var threads = Enumerable.Range(0, 200).Select(i => new Thread(() =>
        {
            LastError.Set($"thread {i} failed: " + new string('x', i)); // some grow past 256 bytes
            Assert.StartsWith($"thread {i} failed", Marshal.PtrToStringUTF8((nint)LastError.Get()));
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        for (int attempt = 0; attempt < 50 && LastError.LiveBuffers > before; attempt++) Settle();
        Assert.True(LastError.LiveBuffers <= before, $"{LastError.LiveBuffers - before} of 200 ended threads still hold their rt_last_error buffer");

        static void Settle()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            Thread.Sleep(10);
        }
    }

    [Fact]
    public void VersionConstantsAgree()
    {
        Assert.Equal(1u, LibraryInfo.AbiVersion);
        Assert.Equal("0.1.0", LibraryInfo.Version);
    }
}
