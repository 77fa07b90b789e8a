using Vision.Architectures;
using Vision.Backends;
using Vision.Tensors;
using Vision.Tests.Harness;
using Vision.Training;

namespace Vision.Tests.Training;

/// <summary>The trainer on the CPU reference: deterministic, learns a separable toy task, schedules and augmentation behave.</summary>
public sealed class TrainerTests
{
    /// <summary>Class k: a bright square in quadrant k of a 12x12 image, with noise.</summary>
    private static Dataset Quadrants(int count, int seed)
    {
        var rng = new Random(seed);
        var images = new float[count * 144];
        var labels = new int[count];
        for (int n = 0; n < count; n++)
        {
            int k = labels[n] = n % 4;
            int oy = k / 2 * 6 + rng.Next(0, 2), ox = k % 2 * 6 + rng.Next(0, 2);
            for (int i = 0; i < 144; i++) images[n * 144 + i] = (float)rng.NextDouble() * 0.2f;
            for (int y = 0; y < 4; y++) for (int x = 0; x < 4; x++) images[n * 144 + (oy + y) * 12 + ox + x] += 0.8f;
        }
        return new Dataset(images, labels, 1, 12, 12, ["a", "b", "c", "d"]);
    }

    private static Vision.Models.Model Net(int seed) => new Vision.Building.Sequential([1, 1, 12, 12], seed)
        .Conv(4, 3, padding: 1).BatchNorm().Relu().MaxPool(2).Flatten().Dropout(0.1f).Linear(4).Build();

    [Test]
    public void Fit_IsDeterministicForASeed_AndLearns()
    {
        var train = Quadrants(64, 1);
        var options = new TrainingOptions { Epochs = 4, BatchSize = 8, Sgd = new SgdOptions { LearningRate = 0.1f }, Augmentation = new Augmentation { MaxShift = 1, NoiseStd = 0.01f }, Seed = 3 };
        var a = Net(1);
        var b = Net(1);
        var ra = new Trainer(a, SharedBackends.Get(Backend.CPU), options).Fit(train);
        var rb = new Trainer(b, SharedBackends.Get(Backend.CPU), options).Fit(train);
        Assert.That(ra.Select(r => r.Loss), Is.EqualTo(rb.Select(r => r.Loss)));
        foreach (var (name, t) in a.Initializers) Assert.That(b.Initializers[name].Data, Is.EqualTo(t.Data), name);
        Assert.That(ra[^1].Loss, Is.LessThan(ra[0].Loss));
        Assert.That(Trainer.Evaluate(a, SharedBackends.Get(Backend.CPU), Quadrants(40, 2)), Is.GreaterThanOrEqualTo(0.9));
    }

    [Test]
    public void Schedules()
    {
        Assert.That(LearningRateSchedule.Step(3, 0.1f).At(5, 10, 1f), Is.EqualTo(0.1f).Within(1e-6f));
        Assert.That(LearningRateSchedule.Step(3, 0.1f).At(6, 10, 1f), Is.EqualTo(0.01f).Within(1e-6f));
        Assert.That(LearningRateSchedule.Cosine().At(0, 10, 1f), Is.EqualTo(1f));
        Assert.That(LearningRateSchedule.Cosine().At(5, 10, 1f), Is.EqualTo(0.5f).Within(1e-6f));
        Assert.That(LearningRateSchedule.Cosine(0.1f).At(10, 10, 1f), Is.EqualTo(0.1f).Within(1e-6f));
        Assert.That(LearningRateSchedule.Constant.At(7, 10, 0.3f), Is.EqualTo(0.3f));
    }

    [Test]
    public void Augmentation_IsSeeded_AndShifts()
    {
        var image = new float[16 * 16];
        image[8 * 16 + 8] = 1f;
        var a = new float[256];
        var b = new float[256];
        Augmentation.Digits.Apply(image, a, 1, 16, 16, new Random(4));
        Augmentation.Digits.Apply(image, b, 1, 16, 16, new Random(4));
        Assert.That(a, Is.EqualTo(b));
        var shifted = new float[256];
        new Augmentation { MaxShift = 3 }.Apply(image, shifted, 1, 16, 16, new Random(1));
        Assert.That(shifted.Sum(), Is.EqualTo(1f).Within(0.3f), "a shift moves the pixel, it does not add or remove much");
        var same = new float[256];
        Augmentation.None.Apply(image, same, 1, 16, 16, new Random(1));
        Assert.That(same, Is.EqualTo(image));
    }

    [Test]
    public void UnsupportedOp_IsNamed()
    {
        var g = new Vision.Building.GraphBuilder();
        var x = g.Input("input", 1, 1, 4, 4);
        g.Output(g.Linear(g.Flatten(g.Lrn(x)), 2));
        Assert.That(() => new TrainingGraph(g.Build(), SharedBackends.Get(Backend.CPU), 1),
            Throws.TypeOf<NotSupportedException>().With.Message.Contains("LRN"));
    }

    [Test]
    public void SegmentationLogits_AreRejectedWithTheReason()
    {
        // U-Net trains op by op (ConvTranspose, Concat), but its per-pixel output is not [N, classes] logits.
        var model = Architecture.UNet(new ArchitectureOptions { InputShape = [1, 3, 16, 16], Width = 2, InitializeWeights = false });
        Assert.That(() => new TrainingGraph(model, SharedBackends.Get(Backend.CPU), 1),
            Throws.TypeOf<NotSupportedException>().With.Message.Contains("[N, classes]"));
    }
}
