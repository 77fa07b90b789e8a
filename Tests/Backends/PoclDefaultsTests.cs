using System.Runtime.InteropServices;
using Vision.Backends;
using Vision.Tests.Harness;

namespace Vision.Tests.Backends;

/// <summary>
/// The CL backend sets POCL_AFFINITY in the C environment PoCL reads (not only .NET's copy), before PoCL starts, and
/// leaves a value the user set alone.
/// </summary>
public sealed partial class PoclDefaultsTests
{
    [Test]
    public void AffinityIsSetInTheNativeEnvironmentOnceTheClBackendStarted()
    {
        if (!OperatingSystem.IsLinux()) Assert.Ignore("skipped: PoCL defaults are set on Linux only");
        string? before = Marshal.PtrToStringUTF8(GetEnv("POCL_AFFINITY"));
        SharedBackends.Get(Backend.CL);
        string? after = Marshal.PtrToStringUTF8(GetEnv("POCL_AFFINITY"));
        Assert.That(after, Is.Not.Null, "the C environment should hold POCL_AFFINITY once a CL backend exists");
        if (before != null) Assert.That(after, Is.EqualTo(before), "a value set before must be kept");
        TestContext.Out.WriteLine($"POCL_AFFINITY before: {before ?? "(unset)"}, after: {after}");
    }

    [LibraryImport("libc", EntryPoint = "getenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint GetEnv(string name);
}
