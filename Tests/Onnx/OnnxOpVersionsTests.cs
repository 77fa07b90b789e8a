using Vision.Models;
using Vision.Onnx;

namespace Vision.Tests.Onnx;

public class OnnxOpVersionsTests
{
    [Test]
    public void Table_CoversExactlyTheSupportedOps() =>
        Assert.That(OnnxOpVersions.OpTypes, Is.EquivalentTo(SupportedOps.Names));

    [Test]
    public void EveryOp_IsAcceptedAtSomeOpsetInRange_AndVersionsAscend()
    {
        foreach (string op in OnnxOpVersions.OpTypes)
        {
            var versions = OnnxOpVersions.Versions(op);
            Assert.That(versions, Is.Ordered.Ascending.And.Unique, op);
            Assert.That(Enumerable.Range(OnnxOpVersions.MinOpset, OnnxOpVersions.MaxOpset - OnnxOpVersions.MinOpset + 1)
                .Any(o => OnnxOpVersions.Rejection(op, o) == null), op);
        }
    }

    [TestCase("Add", 13, 13)]
    [TestCase("Add", 25, 14)]
    [TestCase("Conv", 7, 1)]
    [TestCase("Conv", 21, 11)]
    [TestCase("Softmax", 12, 11)]
    [TestCase("Reshape", 25, 25)]
    [TestCase("Upsample", 11, 10)]
    public void SinceVersion_IsTheNewestDefinitionNotNewerThanTheOpset(string op, int opset, int expected) =>
        Assert.That(OnnxOpVersions.SinceVersion(op, opset), Is.EqualTo(expected));

    [TestCase("Add", 25)]          // 13 and 14 only added types
    [TestCase("Relu", 14)]
    [TestCase("Reshape", 25)]      // 19-25 only added types; 14 (allowzero) is implemented
    [TestCase("Resize", 17)]
    [TestCase("Resize", 18)]       // antialias/axes/keep_aspect_ratio: defaults run, others are rejected by the compile step
    [TestCase("Resize", 25)]
    [TestCase("Upsample", 9)]
    public void Accepted(string op, int opset) => Assert.That(OnnxOpVersions.Rejection(op, opset), Is.Null);

    [TestCase("HardSwish", 13, "introduced in op set 14")]
    [TestCase("Mish", 17, "introduced in op set 18")]
    public void Rejected(string op, int opset, string expected) =>
        Assert.That(OnnxOpVersions.Rejection(op, opset), Does.Contain(expected));
}
