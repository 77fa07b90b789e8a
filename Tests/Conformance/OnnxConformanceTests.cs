using Vision.Backends;
using Vision.Conformance;
using Vision.Tests.Harness;

namespace Vision.Tests.Conformance;

/// <summary>
/// The ONNX backend test suite from Debian's libonnx-testdata on every backend: every test whose ops Vision implements
/// must pass (rtol 1e-3, atol 1e-5); the rest skip with their reason. One NUnit test per suite and backend, listing every
/// failure, so the count of passes and skips is visible in the log. (The package's pytorch-operator suite is all
/// opset 6, below the opset 7 Vision reads, so it is not run here.)
/// </summary>
[TestFixtureSource(typeof(BackendTest), nameof(All))]
public sealed class OnnxConformanceTests(Backend kind) : BackendTest(kind)
{
    private const string Root = "/usr/share/libonnx-testdata/data";

    [TestCase("node")]
    [TestCase("pytorch-converted")]
    public void SuitePasses(string suite)
    {
        string dir = Path.Combine(Root, suite);
        if (!Directory.Exists(dir)) Assert.Ignore($"{dir} not found: install Debian's libonnx-testdata (./vision does).");
        var runner = new ConformanceRunner(Compute);
        var results = ConformanceRunner.Discover(dir).Select(runner.Run).ToList();
        int pass = results.Count(r => r.Status == ConformanceStatus.Pass);
        var failures = results.Where(r => r.Status == ConformanceStatus.Fail).ToList();
        TestContext.Out.WriteLine($"{suite} on {Kind}: {pass} passed, {failures.Count} failed, {results.Count - pass - failures.Count} skipped");
        Assert.That(pass, Is.GreaterThan(0), "no test passed: the runner or the data is broken");
        Assert.That(failures, Is.Empty, string.Join("\n", failures));
    }
}
