using Vision.Architectures;
using Vision.Backends;
using Vision.Tests.Building;
using Vision.Tests.Harness;

namespace Vision.Tests.Architectures;

/// <summary>Small architectures run forward on every backend and agree with ONNX Runtime on their export.</summary>
[TestFixtureSource(typeof(BackendTest), nameof(All))]
public sealed class ArchitectureForwardTests(Backend kind) : BackendTest(kind)
{
    [Test]
    public void LeNet5_MatchesOnnxRuntime() =>
        ExportOracle.AgreesWithOnnxRuntime(Architecture.LeNet5(new ArchitectureOptions { Seed = 1 }), RandomIn(0f, 1f, 2, 1, 28, 28), Compute, "lenet5");

    [Test]
    public void LeNet5Classic_MatchesOnnxRuntime() =>
        ExportOracle.AgreesWithOnnxRuntime(Architecture.LeNet5(new ArchitectureOptions { Seed = 2 }, classic: true), RandomIn(0f, 1f, 1, 1, 28, 28), Compute, "lenet5 classic");

    [Test]
    public void MobileNetV2_At64_MatchesOnnxRuntime() =>
        ExportOracle.AgreesWithOnnxRuntime(Architecture.MobileNetV2(new ArchitectureOptions { Seed = 3, InputShape = [1, 3, 64, 64], Classes = 10 }),
            RandomIn(0f, 1f, 1, 3, 64, 64), Compute, "mobilenet_v2");

    [Test]
    public void UNet_ReducedWidth_MatchesOnnxRuntime() =>
        ExportOracle.AgreesWithOnnxRuntime(Architecture.UNet(new ArchitectureOptions { Seed = 4, InputShape = [1, 3, 32, 32], Width = 4 }),
            RandomIn(0f, 1f, 1, 3, 32, 32), Compute, "unet");

    [Test]
    public void SqueezeNet11_At64_MatchesOnnxRuntime() =>
        ExportOracle.AgreesWithOnnxRuntime(Architecture.SqueezeNet("1_1", new ArchitectureOptions { Seed = 5, InputShape = [1, 3, 64, 64], Classes = 10 }),
            RandomIn(0f, 1f, 1, 3, 64, 64), Compute, "squeezenet1_1");

    [Test]
    public void ShuffleNetV2_At64_MatchesOnnxRuntime() =>
        ExportOracle.AgreesWithOnnxRuntime(Architecture.ShuffleNetV2(new ArchitectureOptions { Seed = 6, InputShape = [1, 3, 64, 64], Classes = 10 }),
            RandomIn(0f, 1f, 1, 3, 64, 64), Compute, "shufflenet_v2_x1_0");
}
