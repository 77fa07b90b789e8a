using Vision.Backends;
using Vision.Backends.GlCompute;
using Vision.Models;
using Vision.Runtime;
using Vision.Tensors;
using Vision.Tests.Harness;
using Vision.Tests.Onnx;

namespace Vision.Tests.Runtime;

/// <summary>
/// A steady-state frame (write the input, queue the plan, read the output into the caller's buffer) allocates no managed
/// memory on GL and CL: not on the calling thread, and on GL not on the GL thread the calls are marshalled to either.
/// </summary>
[TestFixture(Backend.GL)]
[TestFixture(Backend.CL)]
public sealed class WorkerAllocationTests(Backend kind)
{
    [Test]
    public void SteadyStateRunAllocatesNothing()
    {
        var backend = SharedBackends.Get(kind);
        string path = OnnxTestData.SharedModel("selfie_segmentation.onnx");
        var model = ModelLoader.Load(path);
        using var worker = new Worker(model, backend);
        string input = worker.InputNames[0];
        var x = Tensor.Random([1, 256, 256, 3], seed: 5, 0f, 1f);
        worker.Run(input, x);
        var outputOnDevice = worker.PeekOutputOnDevice();
        var y = new float[outputOnDevice.Length];
        void Frame()
        {
            worker.Run(input, x);
            backend.Read(outputOnDevice, y);
        }
        for (int i = 0; i < 3; i++) Frame();  // JIT, first-use paths

        long glThreadBefore = backend is GlBackend gl0 ? gl0.AllocatedBytesOnGlThread() : 0;
        long callerBefore = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 5; i++) Frame();
        long caller = GC.GetAllocatedBytesForCurrentThread() - callerBefore;
        long glThread = backend is GlBackend gl1 ? gl1.AllocatedBytesOnGlThread() - glThreadBefore : 0;

        Assert.That(caller, Is.Zero, $"bytes the caller allocated over 5 frames on {kind}");
        Assert.That(glThread, Is.Zero, "bytes the GL thread allocated over 5 frames");
    }
}
