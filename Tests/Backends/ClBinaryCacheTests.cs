using Vision.Backends;
using Vision.Backends.OpenCl;
using Vision.Ops;
using Vision.Tensors;
using Vision.Tests.Harness;

namespace Vision.Tests.Backends;

/// <summary>OpenCL program binaries are written on the first build and a fresh backend builds from them.</summary>
[NonParallelizable]
public sealed class ClBinaryCacheTests
{
    [Test]
    public void SecondBackendLoadsTheCachedBinaryAndComputesTheSame()
    {
        SharedBackends.Get(Backend.CL);  // skips the test where OpenCL is unavailable
        string dir = Directory.CreateTempSubdirectory("vision-cl-cache-").FullName;
        string? before = Environment.GetEnvironmentVariable("VISION_CACHE_DIR");
        try
        {
            Environment.SetEnvironmentVariable("VISION_CACHE_DIR", dir);
            var op = new Conv2d(pads: Pads.Uniform(1), activation: Activation.Relu);
            var x = Tensor.Random([1, 5, 6, 7], 1);
            var w = Tensor.Random([3, 5, 3, 3], 2);
            Tensor first;
            using (var cl = new ClBackend()) first = cl.Run(op, x, w, null);
            var files = Directory.GetFiles(Path.Combine(dir, "cl"), "*.bin");
            Assert.That(files, Is.Not.Empty, "no program binary was written");
            long written = File.GetLastWriteTimeUtc(files[0]).Ticks;
            Tensor second;
            using (var cl = new ClBackend()) second = cl.Run(op, x, w, null);
            TensorAssert.Close(first, second, Tolerance.Exact, "cached binary vs source build");
            Assert.That(File.GetLastWriteTimeUtc(files[0]).Ticks, Is.EqualTo(written), "the binary was rebuilt instead of reused");
            TensorAssert.Close(op.Reference(x, w, null), second, Tolerance.Kernel, "cached binary vs reference");
        }
        finally
        {
            Environment.SetEnvironmentVariable("VISION_CACHE_DIR", before);
            Directory.Delete(dir, recursive: true);
        }
    }
}
