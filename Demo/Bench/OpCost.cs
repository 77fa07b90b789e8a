using Vision.Compile;
using Vision.Ops;
using Vision.Tensors;

namespace Vision.Demo.Bench;

/// <summary>Arithmetic and memory traffic of one plan step, for a profile's GFLOP/s and GB/s (a multiply-add counts 2).</summary>
public static class OpCost
{
    public static (double Flops, double Bytes) Of(Step step, ExecutionPlan plan)
    {
        var inputs = step.Inputs.Select(i => i == null ? null : plan.Shapes[i]).ToArray();
        long output = Tensor.ShapeLength(step.OutputShape);
        double bytes = 4.0 * (inputs.Sum(s => s == null ? 0 : (double)Tensor.ShapeLength(s)) + output);
        double flops = step.Op switch
        {
            Conv2d c when c.WeightShape(inputs[1]!) is var w => 2.0 * output * (w[1] * w[2] * w[3]),
            ConvTranspose2d => 2.0 * Tensor.ShapeLength(inputs[0]!) * (inputs[1]![1] * inputs[1]![2] * inputs[1]![3]),
            Gemm or MatMul => 2.0 * output * InnerDimension(inputs),
            ChannelGate => 2.0 * inputs[0]![0] * inputs[1]![0] * (inputs[1]![1] + inputs[3]![0]),
            _ => output,
        };
        return (flops, bytes);
    }

    /// <summary>The reduced dimension of a matrix product: the first input's last dimension.</summary>
    private static int InnerDimension(int[]?[] inputs) => inputs[0] is { Length: > 0 } a ? a[^1] : 1;

    /// <summary>A short description of the step's op: "conv2d 3x3/2 dw +hardswish".</summary>
    public static string Describe(Step step, ExecutionPlan plan)
    {
        if (step.Op is Conv2d c)
        {
            var w = c.WeightShape(plan.Shapes[step.Inputs[1]!]);
            var x = plan.Shapes[step.Inputs[0]!];
            string kind = c.Group == 1 ? "" : c.Group == (c.InputNhwc ? x[3] : x[1]) && c.Group == w[0] ? " dw" : $" g{c.Group}";
            string act = c.Activation.Kind == ActivationKind.None ? "" : " +" + c.Activation.Kind.ToString().ToLowerInvariant();
            int channels = c.InputNhwc ? x[3] : x[1];
            return $"conv2d {w[2]}x{w[3]}/{c.StrideH}{kind} {channels}->{w[0]}{act}";
        }
        return step.Op switch
        {
            Binary b => $"binary {b.Kind.ToString().ToLowerInvariant()}",
            Unary u => $"unary {u.Kind.ToString().ToLowerInvariant()}",
            _ => step.Op.Name,
        };
    }
}
