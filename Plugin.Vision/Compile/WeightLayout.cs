using Vision.Ops;
using Vision.Tensors;

namespace Vision.Compile;

/// <summary>
/// Stores the constant weights of one-group convolutions with a kernel larger than 1x1 as [C, KH, KW, K] instead of
/// [K, C, KH, KW] (<see cref="Conv2d.WeightsKMinor"/>): a tap's weights for adjacent output channels become adjacent, so
/// the GL kernel reads 4 channels' weights with one 4-wide load where it made 4 scalar ones (on llvmpipe every load is
/// a per-lane gather; PP-OCRv4 det's 3x3 96->24 at 80x80 on llvmpipe: 11.2 -> 7.4-8.9 ms; on PoCL the contiguous weights help WIDE16 too:
/// 2.2 -> 1.4-1.9 ms). Runs last, on the fused plan.
/// </summary>
internal static class WeightLayout
{
    public static void Apply(List<Step> steps, Dictionary<string, Tensor> constants, Dictionary<string, int[]> shapes)
    {
        for (int i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            if (step.Op is not Conv2d { Group: 1, WeightsKMinor: false } conv || step.Inputs[1] is not { } name) continue;
            if (!constants.TryGetValue(name, out var w) || w.Rank != 4 || w.Shape[2] * w.Shape[3] == 1) continue;
            string stored = name + "/kminor";
            if (!constants.ContainsKey(stored))
            {
                var t = new Transpose([1, 2, 3, 0]).Reference(w);
                constants[stored] = t;
                shapes[stored] = t.Shape;
            }
            var inputs = (string?[])step.Inputs.Clone();
            inputs[1] = stored;
            steps[i] = step with { Op = conv.WithWeightsKMinor(), Inputs = inputs };
        }
    }
}
