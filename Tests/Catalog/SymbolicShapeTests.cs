using Vision.Demo.Cli;
using Vision.Models;

namespace Vision.Tests.Catalog;

/// <summary>The shape summary, verify and bench give symbolic input dimensions when no --shape says.</summary>
public sealed class SymbolicShapeTests
{
    private static ValueInfo Input(params Dim[] dims) => new("x", DataType.Float32, dims);

    [Test]
    public void ATextRecogniserOfSymbolicWidthRunsAt224()
    {
        var rec = Input(Dim.Symbolic("N"), Dim.Fixed(3), Dim.Fixed(48), Dim.Symbolic("W"));
        Assert.That(SymbolicShape.IsSymbolic(rec), Is.True);
        Assert.That(SymbolicShape.Of(rec), Is.EqualTo(new[] { 1, 3, 48, 224 }));
    }

    [Test]
    public void SymbolicChannelsOfAnImageAreThreeAndOtherRanksTakeOne()
    {
        Assert.That(SymbolicShape.Of(Input(Dim.Fixed(2), Dim.Symbolic("C"), Dim.Symbolic("H"), Dim.Fixed(7))), Is.EqualTo(new[] { 2, 3, 224, 7 }));
        Assert.That(SymbolicShape.Of(Input(Dim.Symbolic("N"), Dim.Symbolic("T"), Dim.Fixed(10))), Is.EqualTo(new[] { 1, 1, 10 }));
    }

    [Test]
    public void ABatchAloneIsNotSymbolicEnoughToSay()
    {
        var image = Input(Dim.Symbolic("N"), Dim.Fixed(3), Dim.Fixed(256), Dim.Fixed(256));
        Assert.That(SymbolicShape.IsSymbolic(image), Is.False);
        Assert.That(SymbolicShape.Of(image), Is.EqualTo(new[] { 1, 3, 256, 256 }));
    }
}
