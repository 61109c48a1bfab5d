namespace RtDriver.Tests.Support;

/// <summary>
/// A test needs something outside this project's build that is not there: what ./build.sh
/// publishes (artifacts/bin/rtprobe, artifacts/lib/librtdriver.so), the shared test data beside the
/// checkout (../shared), or a tool ./build.sh installs (sdas8051). The test fails (it never passes
/// or skips silently), and the failure is the one line of <see cref="Exception.Message"/>, naming
/// what is missing and how to get it: no stack trace, since the cause is the checkout, not the code.
/// </summary>
public sealed class MissingPrerequisiteException(string message) : Exception(message)
{
    public override string? StackTrace => null;
}
