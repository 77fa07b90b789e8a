using Vision.Backends;
using Vision.Backends.OpenCl;

namespace Vision.Tests.Backends;

public sealed class BackendFactoryTests
{
    [TestCase("gl", Backend.GL)]
    [TestCase("OpenCL", Backend.CL)]
    [TestCase(" cpu ", Backend.CPU)]
    [TestCase("auto", Backend.Auto)]
    public void ParsesBackendNames(string name, Backend expected) => Assert.That(BackendFactory.Parse(name), Is.EqualTo(expected));

    [Test]
    public void UnknownBackendNameListsTheChoices()
    {
        var e = Assert.Throws<ArgumentException>(() => BackendFactory.Parse("metal"));
        Assert.That(e!.Message, Does.Contain("gl, cl, cpu or auto"));
    }

    [Test]
    public void AutoLogsWhatItChose()
    {
        var log = new List<string>();
        using var backend = BackendFactory.Create(Backend.Auto, log.Add);
        Assert.That(log, Has.Some.StartsWith("backend auto: using"));
        Assert.That(log.Last(), Does.Contain(backend.Kind == Backend.CPU ? "CPU" : backend.Kind.ToString()));
    }

    [Test]
    public void MissingOpenClPlatformIsATypedErrorSayingWhatToDo()
    {
        var e = Assert.Throws<BackendUnavailableException>(() => new ClBackend(platform: 99));
        Assert.That(e!.Backend, Is.EqualTo(Backend.CL));
        Assert.That(e.Message, Does.Contain("platform 99"));
    }
}
