using Vision.Backends;
using Vision.Ops;
using Vision.Tensors;
using Vision.Tests.Harness;

namespace Vision.Tests.Ops;

[TestFixtureSource(typeof(BackendTest), nameof(All))]
public sealed class ConcatTests(Backend kind) : BackendTest(kind)
{
    [Test]
    public void ChannelsOfThree() => Check(new Concat(1), Random(2, 3, 4, 5), Random(2, 1, 4, 5), Random(2, 5, 4, 5));

    // VEC4: inner a multiple of 4 (4 elements per item); five inputs of different lengths, two images.
    [Test]
    public void FourWideChannels() =>
        Check(new Concat(1), Random(2, 3, 2, 6), Random(2, 1, 2, 6), Random(2, 4, 2, 6), Random(2, 2, 2, 6), Random(2, 5, 2, 6));

    // Copies (Op.Copies): runs of at least MinCopyLength elements become buffer copies on GL and CL; one image (a run
    // per input), two images (a run per input and image), and a short input that keeps the whole concat in the kernel.
    [Test]
    public void ChannelsOfOneImageAsBufferCopies() => Check(new Concat(1), Random(1, 4, 16, 20), Random(1, 6, 16, 20), Random(1, 5, 16, 20));

    [Test]
    public void ChannelsOfTwoImagesAsBufferCopies() => Check(new Concat(1), Random(2, 3, 20, 20), Random(2, 5, 20, 20));

    [Test]
    public void AShortRunKeepsTheKernel() => Check(new Concat(1), Random(1, 4, 16, 20), Random(1, 1, 16, 20));

    [Test]
    public void CopiesAreTheOutputsRunsPerInputAndImage()
    {
        var copies = new Concat(1).Copies([[2, 3, 20, 20], [2, 5, 20, 20]], [2, 8, 20, 20]);
        Assert.That(copies, Is.EqualTo(new[]
        {
            new BlockCopy(0, 0, 0, 1200), new BlockCopy(0, 1200, 3200, 1200),
            new BlockCopy(1, 0, 1200, 2000), new BlockCopy(1, 2000, 4400, 2000),
        }));
        Assert.That(new Concat(1).Copies([[1, 4, 16, 20], [1, 1, 16, 20]], [1, 5, 16, 20]), Is.Null, "a 320-element run stays in the kernel");
        Assert.That(new Concat(2).Copies([[3, 4, 40, 40], [3, 4, 40, 40]], [3, 4, 80, 40]), Is.Null, "24 runs are too many");
    }

    [Test]
    public void LastAxisNegative() => Check(new Concat(-1), Random(3, 2), Random(3, 7));

    [Test]
    public void Rank1() => Check(new Concat(0), Random(5), Random(1), Random(3));

    [Test]
    public void Single() => Check(new Concat(0), Random(2, 3));

    [Test]
    public void EmptyInputsAreSkipped() => Check(new Concat(1), Random(2, 0, 3), Random(2, 2, 3), Random(2, 0, 3), Random(2, 1, 3));

    [Test]
    public void SevenInputsInOneLaunch() =>
        Check(new Concat(2), Enumerable.Range(1, 7).Select(i => Random(2, 3, i, 2)).ToArray<Tensor?>());

    [Test]
    public void Rank6() => Check(new Concat(3), Random(2, 1, 3, 2, 2, 3), Random(2, 1, 3, 4, 2, 3));

    [Test]
    public void ManyInputsRunAsPartsIntoOneOutput()
    {
        // 17 inputs: three launches (7, 7, 3) into one shared output buffer.
        var inputs = Enumerable.Range(0, 17).Select(i => Random(2, 1 + i % 3, 3)).ToArray();
        var expected = new Concat(1).Reference(inputs);
        var parts = Concat.Parts(1, inputs.Select(t => t.Shape[1]).ToArray());
        Assert.That(parts.Select(p => p.Count), Is.EqualTo(new[] { 7, 7, 3 }));
        using var output = Compute.Allocate(expected.Shape);
        var device = inputs.Select(Compute.Upload).ToArray();
        try
        {
            foreach (var (op, first, count) in parts) Compute.Execute(op, device[first..(first + count)], output);
            TensorAssert.Close(expected, Compute.Download(output), Tolerance.Exact, $"concat parts on {Kind}");
        }
        finally
        {
            foreach (var d in device) d.Dispose();
        }
    }

    [Test]
    public void ByHand()
    {
        var a = T([1, 2], 1, 2);
        var b = T([1, 2], 3, 4);
        CheckExpected(new Concat(0), [a, b], T([2, 2], 1, 2, 3, 4));
        CheckExpected(new Concat(1), [a, b], T([1, 4], 1, 2, 3, 4));
    }

    [Test]
    public void MismatchedShapesAreAShapeError() =>
        Assert.Throws<ShapeException>(() => Compute.Run(new Concat(1), Random(2, 3), Random(3, 3)));
}
