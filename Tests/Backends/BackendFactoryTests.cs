using Vision.Backends.GlCompute;
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

    [TestCase("OpenGL 4.5 (Core Profile) Mesa 22.3.6, llvmpipe (LLVM 15.0.6, 256 bits) (EGL surfaceless)", true)]
    [TestCase("Gallium 0.4 on softpipe", true)]
    [TestCase("Google SwiftShader", true)]
    [TestCase("OpenGL 4.6 NVIDIA 580.65 (NVIDIA H100 80GB HBM3)", false)]
    [TestCase("Mesa Intel(R) UHD Graphics 620 (KBL GT2)", false)]
    [TestCase("OpenCL 3.0 PoCL 3.1+debian Linux, pthread-skylake-avx512-AMD EPYC", false)]
    public void SoftwareRasterisersAreToldFromGpus(string device, bool software) =>
        Assert.That(SoftwareRenderers.IsSoftware(device), Is.EqualTo(software));

    [Test]
    public void AutoTakesOpenClOverASoftwareGlAndGlOnAGpu()
    {
        string glDevice;
        using (var gl = new GlBackend()) glDevice = gl.DeviceName;
        bool clUsable;
        try
        {
            using var cl = new ClBackend();
            clUsable = !SoftwareRenderers.IsSoftware(cl.DeviceName);
        }
        catch (BackendUnavailableException)
        {
            clUsable = false;
        }
        var log = new List<string>();
        using var backend = BackendFactory.Create(Backend.Auto, log.Add);
        var expected = SoftwareRenderers.IsSoftware(glDevice) && clUsable ? Backend.CL : Backend.GL;
        Assert.That(backend.Kind, Is.EqualTo(expected), string.Join(" | ", log));
        if (expected == Backend.CL) Assert.That(log.Last(), Does.Contain("software rasteriser").And.Contain("--backend gl"));
    }

    [Test]
    public void MissingOpenClPlatformIsATypedErrorSayingWhatToDo()
    {
        var e = Assert.Throws<BackendUnavailableException>(() => new ClBackend(platform: 99));
        Assert.That(e!.Backend, Is.EqualTo(Backend.CL));
        Assert.That(e.Message, Does.Contain("platform 99"));
    }
}
