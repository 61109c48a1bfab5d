using global::RtProbe;
using Xunit;

namespace RtDriver.Tests.ProbeCli;

/// <summary>The temp-then-rename output other rtprobe commands can reuse: whole or nothing.</summary>
public sealed class AtomicOutputFileTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("rtprobe-atomic-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string[] Names() => _dir.GetFileSystemInfos().Select(f => f.Name).Order().ToArray();

    [Fact]
    public void NothingAppearsUnderTheNameBeforeCommit()
    {
        var path = Path.Combine(_dir.FullName, "out.bin");
        using var f = AtomicOutputFile.Create(path);
        f.Stream.Write([1, 2, 3]);
        f.Sync();
        Assert.False(File.Exists(path));
        Assert.Single(_dir.GetFiles(".out.bin.rtprobe-*.tmp"));
        f.Commit();
        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));
        Assert.Equal(["out.bin"], Names());
    }

    [Fact]
    public void DisposingWithoutCommitKeepsTheOldFileAndRemovesTheTemporaryOne()
    {
        var path = Path.Combine(_dir.FullName, "out.bin");
        File.WriteAllBytes(path, [9, 9]);
        using (var f = AtomicOutputFile.Create(path))
            f.Stream.Write(new byte[100_000]);
        Assert.Equal([9, 9], File.ReadAllBytes(path));
        Assert.Equal(["out.bin"], Names());
    }

    [Fact]
    public void ASymlinkKeepsPointingAtTheFileItNames()
    {
        var target = Path.Combine(_dir.FullName, "real.bin");
        var link = Path.Combine(_dir.FullName, "link.bin");
        File.WriteAllBytes(target, [1]);
        File.CreateSymbolicLink(link, target);
        using (var f = AtomicOutputFile.Create(link))
        {
            f.Stream.Write([2, 3]);
            f.Commit();
        }
        Assert.Equal(target, new FileInfo(link).LinkTarget);
        Assert.Equal([2, 3], File.ReadAllBytes(target));
        Assert.Equal(["link.bin", "real.bin"], Names());
    }

    [Fact]
    public void ADeviceIsWrittenInPlace()
    {
        using var f = AtomicOutputFile.Create("/dev/null");
        Assert.True(f.InPlace);
        f.Stream.Write([1]);
        f.Commit();
        Assert.Empty(Names());
    }

    [Fact]
    public void ADirectoryIsRefused()
    {
        var e = Assert.Throws<IOException>(() => AtomicOutputFile.Create(_dir.FullName));
        Assert.Contains("is a directory", e.Message);
        Assert.Empty(Names());
    }
}
