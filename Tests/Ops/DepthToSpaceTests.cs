using Vision.Backends;
using Vision.Ops;
using Vision.Tests.Harness;

namespace Vision.Tests.Ops;

[TestFixtureSource(typeof(BackendTest), nameof(All))]
public sealed class DepthToSpaceTests(Backend kind) : BackendTest(kind)
{
    // The ONNX operator doc's input: 8 channels of 2x3, x[c, h, w] = 9c + 3h + w.
    private static readonly Tensors.Tensor Example = T([1, 8, 2, 3], Enumerable.Range(0, 8).SelectMany(c =>
        Enumerable.Range(0, 6).Select(i => (float)(9 * c + 3 * (i / 3) + i % 3))).ToArray());

    [Test]
    public void Dcr([Values(2, 3)] int block) => Check(new DepthToSpace(block), Random(2, 2 * block * block, 3, 5));

    [Test]
    public void Crd([Values(2, 3)] int block) => Check(new DepthToSpace(block, DepthToSpaceMode.CRD), Random(2, 3 * block * block, 4, 3));

    [Test]
    public void DcrOnnxExample() => CheckExpected(new DepthToSpace(2), [Example], T([1, 2, 4, 6],
        0, 18, 1, 19, 2, 20, 36, 54, 37, 55, 38, 56, 3, 21, 4, 22, 5, 23, 39, 57, 40, 58, 41, 59,
        9, 27, 10, 28, 11, 29, 45, 63, 46, 64, 47, 65, 12, 30, 13, 31, 14, 32, 48, 66, 49, 67, 50, 68));

    [Test]
    public void CrdOnnxExample() => CheckExpected(new DepthToSpace(2, DepthToSpaceMode.CRD), [Example], T([1, 2, 4, 6],
        0, 9, 1, 10, 2, 11, 18, 27, 19, 28, 20, 29, 3, 12, 4, 13, 5, 14, 21, 30, 22, 31, 23, 32,
        36, 45, 37, 46, 38, 47, 54, 63, 55, 64, 56, 65, 39, 48, 40, 49, 41, 50, 57, 66, 58, 67, 59, 68));

    [Test]
    public void ChannelsNotDivisibleIsAShapeError() =>
        Assert.Throws<ShapeException>(() => Compute.Run(new DepthToSpace(2), Random(1, 6, 2, 2)));
}
