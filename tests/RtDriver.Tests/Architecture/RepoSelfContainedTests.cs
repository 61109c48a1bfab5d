using System.Diagnostics;
using System.Text.RegularExpressions;
using Xunit;

namespace RtDriver.Tests.Architecture;

/// <summary>
/// Issue 12: the repo is self-contained. A user who clones it has docs/hardware.md and
/// docs/c-abi.md, not the notes the project was started from (they sat beside the repo), so no
/// tracked file may cite those notes, and every section a citation of docs/hardware.md names must
/// exist there. Reading test DATA from ../shared/testdata stays legitimate: that is data, not a
/// document, and is not matched here.
/// </summary>
public class RepoSelfContainedTests
{
    // Built from pieces so that this file does not match itself.
    private static readonly string[] Forbidden =
    [
        "shared" + "/docs",          // the notes' folder, with or without "../"
        "facts " + "\u00a7",         // the notes' section citations
        "rt2860" + "-hardware",      // the old notes' file name
    ];

    private const string Num = @"\d+(?:\.\d+)?";

    // A citation of the hardware page: "hardware.md" (optionally in backticks or a link), then a
    // group of section numbers such as "§8.1", "§5.3/§5.4", "§8.2–8.6", "§2.2 and §2.3", "§8.1, §10".
    private static readonly Regex HardwareCitation = new(
        @"hardware\.md`?\)?\s+\u00a7(?<first>" + Num + @")(?<rest>(?:(?:\s*/\s*|, | and |\u2013)\u00a7?" + Num + ")*)");

    // A bare section reference, checked in the Markdown pages that cite the hardware page by "§n".
    private static readonly Regex BareSection = new(@"\u00a7(?<n>" + Num + ")");

    private static readonly HashSet<string> TextExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".cs", ".csproj", ".props", ".targets", ".sln", ".md", ".c", ".h", ".py", ".sh", ".json", ".txt",
        ".asm", ".in", ".pc", ".1", ".yml", ".yaml", ".toml", ".cfg", ".ini", ".xml", ".editorconfig", ".gitignore", "",
    };

    [Fact]
    public void NoTrackedFileCitesDocumentsOutsideTheRepo()
    {
        var offenders = new List<string>();
        var files = TrackedTextFiles();
        Assert.True(files.Count > 100, $"only {files.Count} files scanned: the scan is broken");
        foreach (string rel in files)
        {
            int n = 0;
            foreach (string line in File.ReadLines(Path.Combine(TestPaths.RepoRoot, rel)))
            {
                n++;
                foreach (string bad in Forbidden)
                    if (line.Contains(bad, StringComparison.OrdinalIgnoreCase))
                        offenders.Add($"{rel}:{n}: cites '{bad}': {line.Trim()}");
            }
        }
        Assert.True(offenders.Count == 0,
            "cite docs/hardware.md or docs/c-abi.md instead (or, in a message, state the fact itself):\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void EveryHardwareSectionCitedExists()
    {
        var sections = HardwareSections();
        Assert.True(sections.Count >= 30, $"only {sections.Count} sections found in docs/hardware.md: the heading parse is broken");
        Assert.Contains("8.11", sections);

        var offenders = new List<string>();
        int citations = 0;
        foreach (string rel in TrackedTextFiles())
        {
            // The hardware page refers to its own sections as "§n"; so do the Markdown pages that link it.
            bool bare = rel == "docs/hardware.md" ||
                        (rel.StartsWith("docs/") && rel.EndsWith(".md") && File.ReadAllText(Path.Combine(TestPaths.RepoRoot, rel)).Contains("(hardware.md)"));
            int n = 0;
            foreach (string line in File.ReadLines(Path.Combine(TestPaths.RepoRoot, rel)))
            {
                n++;
                var cited = new List<string>();
                if (bare)
                {
                    foreach (Match m in BareSection.Matches(line)) cited.Add(m.Groups["n"].Value);
                }
                else
                {
                    foreach (Match m in HardwareCitation.Matches(line))
                    {
                        cited.Add(m.Groups["first"].Value);
                        foreach (Match k in Regex.Matches(m.Groups["rest"].Value, Num)) cited.Add(k.Value);
                    }
                }
                foreach (string s in cited)
                {
                    citations++;
                    if (!sections.Contains(s))
                        offenders.Add($"{rel}:{n}: §{s} is not a section of docs/hardware.md: {line.Trim()}");
                }
            }
        }
        Assert.True(citations > 100, $"only {citations} section citations found: the citation parse is broken");
        Assert.True(offenders.Count == 0, "citations of sections docs/hardware.md does not have:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void TheProjectsOwnDocumentsExist()
    {
        foreach (string doc in new[] { "docs/hardware.md", "docs/c-abi.md", "docs/architecture.md" })
            Assert.True(File.Exists(Path.Combine(TestPaths.RepoRoot, doc)), $"{doc} is missing");
    }

    /// <summary>Section numbers of docs/hardware.md: "## 8. Key memory" gives 8, "### 8.11 What …" gives 8.11.</summary>
    private static HashSet<string> HardwareSections()
    {
        var set = new HashSet<string>();
        foreach (string line in File.ReadLines(Path.Combine(TestPaths.RepoRoot, "docs", "hardware.md")))
        {
            var m = Regex.Match(line, @"^#{2,3} (?<n>" + Num + @")\.?\s");
            if (m.Success) set.Add(m.Groups["n"].Value);
        }
        return set;
    }

    /// <summary>The repo's tracked text files (git ls-files), or — without git — a walk of the tree
    /// that skips build output. Paths are repo-relative with '/'.</summary>
    private static List<string> TrackedTextFiles()
    {
        IEnumerable<string> all = GitLsFiles() ?? Walk();
        return all.Where(rel => TextExtensions.Contains(Path.GetExtension(rel)) || Path.GetFileName(rel).StartsWith('.'))
                  .Where(rel => File.Exists(Path.Combine(TestPaths.RepoRoot, rel)))
                  .Where(rel => !LooksBinary(Path.Combine(TestPaths.RepoRoot, rel)))
                  .ToList();
    }

    private static List<string>? GitLsFiles()
    {
        try
        {
            var psi = new ProcessStartInfo("git", ["-C", TestPaths.RepoRoot, "ls-files", "-z"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var p = Process.Start(psi);
            if (p is null) return null;
            string output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0) return null;
            var files = output.Split('\0', StringSplitOptions.RemoveEmptyEntries).ToList();
            return files.Count > 0 ? files : null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return null;
        }
    }

    private static IEnumerable<string> Walk()
    {
        var skip = new[] { "/bin/", "/obj/", "/.git/", "artifacts/" };
        foreach (string file in Directory.EnumerateFiles(TestPaths.RepoRoot, "*", SearchOption.AllDirectories))
        {
            string rel = Path.GetRelativePath(TestPaths.RepoRoot, file).Replace('\\', '/');
            if (skip.Any(s => ("/" + rel).Contains(s))) continue;
            yield return rel;
        }
    }

    private static bool LooksBinary(string path)
    {
        using var f = File.OpenRead(path);
        var buffer = new byte[4096];
        int read = f.Read(buffer, 0, buffer.Length);
        return Array.IndexOf(buffer, (byte)0, 0, read) >= 0;
    }
}
