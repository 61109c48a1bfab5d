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
    public unsafe void LastErrorBufferBelongsToItsThreadAndLibcFreesItAtThreadExit()
    {
        // The buffer is released by the thread's exit itself (a pthread key whose destructor is
        // libc's free), never by a garbage collection: native/tests/test_general.c measures the
        // C heap across 40 000 threads of the published library; here, the wiring.
        nint libcFree = NativeLibrary.GetExport(NativeLibrary.Load("libc.so.6"), "free");
        LastError.Set("touch the key"); // the key exists once the type is initialized
        Assert.Equal(libcFree, LastError.Destructor);

        nint beforeSet = -1, afterSet = 0, grown = 0;
        string? text = null;
        var t = new Thread(() =>
        {
            beforeSet = (nint)LastError.ThreadBuffer();
            LastError.Set("short");
            afterSet = (nint)LastError.ThreadBuffer();
            LastError.Set(new string('x', 5000)); // grows past the first allocation
            grown = (nint)LastError.ThreadBuffer();
            text = Marshal.PtrToStringUTF8((nint)LastError.Get());
        });
        t.Start();
        t.Join();
        Assert.Equal(0, beforeSet);                     // a thread that never failed owns nothing
        Assert.NotEqual(0, afterSet);
        Assert.NotEqual(0, grown);
        Assert.Equal(new string('x', 5000), text);      // the grown buffer holds the whole sentence
        Assert.NotEqual(afterSet, (nint)LastError.ThreadBuffer()); // this thread's buffer is its own
    }

    [Fact]
    public void VersionConstantsAgree()
    {
        Assert.Equal(1u, LibraryInfo.AbiVersion);
        Assert.Equal("0.1.0", LibraryInfo.Version);
    }
}
