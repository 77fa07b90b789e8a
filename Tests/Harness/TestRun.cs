using Vision.Tests.Harness;

// Outside any namespace: NUnit runs this once around every fixture in the assembly.
[SetUpFixture]
public sealed class TestRun
{
    [OneTimeTearDown]
    public void DisposeBackends() => SharedBackends.DisposeAll();
}
