using Vision.Kernels;
using Vision.Tensors;

namespace Vision.Ops;

/// <summary>
/// One half of an SGD step with momentum and weight decay (PyTorch's form). Velocity: (v, g, w) to
/// v' = momentum * v + g + decay * w. <see cref="Apply"/>: (w, v', lr [1]) to w' = w - lr * v'; the learning rate is a
/// tensor so a schedule changes it without rebuilding the step.
/// </summary>
public sealed class SgdUpdate(bool apply, float momentum = 0.9f, float weightDecay = 0f) : Op
{
    public bool Apply { get; } = apply;
    public float Momentum { get; } = momentum;
    public float WeightDecay { get; } = weightDecay;

    public override string Name => "sgd_update";

    public override int[] OutputShape(IReadOnlyList<int[]?> inputs)
    {
        var a = Require(inputs, 0, -1, "a");
        var b = Require(inputs, 1, -1, "b");
        var c = Require(inputs, 2, -1, Apply ? "lr" : "w");
        if (Tensor.ShapeLength(a) != Tensor.ShapeLength(b) || !Apply && Tensor.ShapeLength(c) != Tensor.ShapeLength(a))
            throw new ShapeException($"sgd_update: operand shapes {Tensor.ShapeString(a)}, {Tensor.ShapeString(b)}, {Tensor.ShapeString(c)} differ");
        return (int[])a.Clone();
    }

    public override void Reference(IReadOnlyList<Tensor?> inputs, Tensor output)
    {
        Tensor a = inputs[0]!, b = inputs[1]!, c = inputs[2]!;
        if (Apply)
        {
            float lr = c.Data[0];
            for (int i = 0; i < output.Data.Length; i++) output.Data[i] = a.Data[i] - lr * b.Data[i];
        }
        else
            for (int i = 0; i < output.Data.Length; i++) output.Data[i] = Momentum * a.Data[i] + b.Data[i] + WeightDecay * c.Data[i];
    }

    public override KernelLaunch Launch(IReadOnlyList<int[]?> inputs, int[] output) =>
        new(Name, Tensor.ShapeLength(output), [], [Momentum, WeightDecay], Apply ? "APPLY" : "");
}
