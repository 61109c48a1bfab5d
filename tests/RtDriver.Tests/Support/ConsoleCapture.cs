using Xunit;

namespace RtDriver.Tests.Support;

/// <summary>Tests that redirect Console run one at a time (Console.Out is process-wide).</summary>
[CollectionDefinition("Console", DisableParallelization = true)]
public sealed class ConsoleCollection;

internal static class ConsoleCapture
{
    public static (int Exit, string Out, string Err) Run(Func<int> action)
    {
        var oldOut = Console.Out;
        var oldErr = Console.Error;
        var o = new StringWriter();
        var e = new StringWriter();
        Console.SetOut(o);
        Console.SetError(e);
        try { return (action(), o.ToString(), e.ToString()); }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
        }
    }
}
