using Vision.Kernels;
using Vision.Tensors;

namespace Vision.Ops;

/// <summary>
/// The mask of inverted dropout for one training step: 0 with probability <see cref="Ratio"/>, else 1 / (1 - ratio).
/// Input: the step number as a one-element tensor; the draw hashes (element, seed, step), so the CPU reference and
/// every GPU backend produce the same mask and a run repeats exactly.
/// </summary>
public sealed class DropoutMask(float ratio, int seed, int[] shape) : Op
{
    public float Ratio { get; } = ratio;
    public int Seed { get; } = seed;
    public int[] Shape { get; } = shape;

    public override string Name => "dropout_mask";

    public override int[] OutputShape(IReadOnlyList<int[]?> inputs)
    {
        Require(inputs, 0, -1, "step");
        return (int[])Shape.Clone();
    }

    public override void Reference(IReadOnlyList<Tensor?> inputs, Tensor output)
    {
        uint step = (uint)inputs[0]!.Data[0];
        uint h0 = Hash(step + 0x9E3779B9u * (uint)Seed);
        for (int i = 0; i < output.Data.Length; i++)
        {
            uint h = Hash(h0 ^ (uint)i);
            float u = (h >> 8) * (1f / 16777216f);
            output.Data[i] = u >= Ratio ? 1f / (1f - Ratio) : 0f;
        }
    }

    /// <summary>The PCG output permutation as a hash (the kernels compute the same in uint arithmetic).</summary>
    public static uint Hash(uint v)
    {
        uint s = unchecked(v * 747796405u + 2891336453u);
        uint w = unchecked(((s >> (int)((s >> 28) + 4u)) ^ s) * 277803737u);
        return (w >> 22) ^ w;
    }

    public override KernelLaunch Launch(IReadOnlyList<int[]?> inputs, int[] output) =>
        new(Name, Tensor.ShapeLength(output), [Seed], [Ratio]);
}
