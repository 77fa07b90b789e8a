using Vision.Kernels;
using Vision.Tensors;

namespace Vision.Ops;

/// <summary>
/// The gradient of the mean softmax cross-entropy loss with respect to the logits: inputs logits [N,K] and target [N,K]
/// (one-hot or soft labels), output (softmax(logits) - target) / N. <see cref="Loss"/> computes the loss itself on the host.
/// </summary>
public sealed class SoftmaxCrossEntropyBackward : Op
{
    public override string Name => "softmax_cross_entropy_backward";

    public override int[] OutputShape(IReadOnlyList<int[]?> inputs)
    {
        var logits = Require(inputs, 0, 2, "logits");
        var target = Require(inputs, 1, 2, "target");
        if (!logits.AsSpan().SequenceEqual(target)) throw new ShapeException($"softmax cross-entropy: logits {Tensor.ShapeString(logits)} and target {Tensor.ShapeString(target)} differ");
        return (int[])logits.Clone();
    }

    public override void Reference(IReadOnlyList<Tensor?> inputs, Tensor output)
    {
        Tensor logits = inputs[0]!, target = inputs[1]!;
        int n = logits.Shape[0], k = logits.Shape[1];
        for (int r = 0; r < n; r++)
        {
            float m = float.NegativeInfinity, sum = 0;
            for (int j = 0; j < k; j++) m = Math.Max(m, logits.Data[r * k + j]);
            for (int j = 0; j < k; j++) sum += MathF.Exp(logits.Data[r * k + j] - m);
            for (int j = 0; j < k; j++)
                output.Data[r * k + j] = (MathF.Exp(logits.Data[r * k + j] - m) / sum - target.Data[r * k + j]) / n;
        }
    }

    /// <summary>The mean cross-entropy of <paramref name="logits"/> [N,K] against integer labels, and how many rows argmax gets right.</summary>
    public static (double Loss, int Correct) Loss(ReadOnlySpan<float> logits, ReadOnlySpan<int> labels, int classes)
    {
        double loss = 0;
        int correct = 0;
        for (int r = 0; r < labels.Length; r++)
        {
            var row = logits.Slice(r * classes, classes);
            float m = float.NegativeInfinity;
            int arg = 0;
            for (int j = 0; j < classes; j++) if (row[j] > m) { m = row[j]; arg = j; }
            double sum = 0;
            for (int j = 0; j < classes; j++) sum += Math.Exp(row[j] - m);
            loss += Math.Log(sum) - (row[labels[r]] - m);
            if (arg == labels[r]) correct++;
        }
        return (loss / Math.Max(1, labels.Length), correct);
    }

    public override KernelLaunch Launch(IReadOnlyList<int[]?> inputs, int[] output) =>
        new(Name, Tensor.ShapeLength(output), [output[0], output[1]]);
}
