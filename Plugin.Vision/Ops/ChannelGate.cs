using Vision.Kernels;
using Vision.Tensors;

namespace Vision.Ops;

/// <summary>
/// The excitation of squeeze-and-excitation in one op: from pooled channels p [N,C], y[n,k] = ACT(b2[k] + sum over j
/// of w2[k,j] * h[n,j]) with h[n,j] = HIDDEN(b1[j] + sum over c of w1[j,c] * p[n,c]): two 1x1 convolutions on a 1x1
/// image (w1 [M,C,1,1], w2 [K,M,1,1], biases optional), HIDDEN none or ReLU, ACT the output activation (sigmoid or
/// hard sigmoid in practice). x is [N,C,1,1] (p = x), or with <see cref="Squeeze"/> [N,C,H,W] with p its per-channel
/// mean (the global average pool before, fused too where the planes are small), and with the optional addend z (slot 5,
/// x's shape, squeezing gates only) the mean of x + z (an Add read only by the gate, fused). Made by the compiler from those two
/// convs: one launch instead of two for work of a few thousand multiply-adds, where the launch is the cost (a GL
/// dispatch ~40 us on llvmpipe). One work group per image computes the hidden vector once into shared memory (at most
/// <see cref="MaxHidden"/> values), then the outputs.
/// </summary>
public sealed class ChannelGate(bool hiddenRelu, Activation activation = default, bool squeeze = false) : Op, IFusesActivation
{
    public bool HiddenRelu { get; } = hiddenRelu;
    public Activation Activation { get; } = activation;

    /// <summary>x is [N,C,H,W] and the gate averages each channel first (squeeze and excitation in one launch).</summary>
    public bool Squeeze { get; } = squeeze;

    /// <summary>The most channels a squeezing gate pools into its shared array.</summary>
    public const int MaxSqueezed = 512;

    public Op WithActivation(Activation activation) => new ChannelGate(HiddenRelu, activation, Squeeze);

    /// <summary>The most hidden channels the kernel's shared array holds (the compiler fuses only gates within it).</summary>
    public const int MaxHidden = 256;

    public override int InputSlots => 6;

    public override string Name => "channel_gate";

    public override int[] OutputShape(IReadOnlyList<int[]?> inputs)
    {
        var x = Require(inputs, 0, 4, "x");
        var w1 = Require(inputs, 1, 4, "hidden weights");
        var w2 = Require(inputs, 3, 4, "output weights");
        if (!Squeeze && (x[2] != 1 || x[3] != 1)) throw new ShapeException($"channel_gate: x {Tensor.ShapeString(x)} must be [N,C,1,1]");
        if (Squeeze && x[1] > MaxSqueezed) throw new ShapeException($"channel_gate: {x[1]} channels exceed the squeezing kernel's {MaxSqueezed}");
        if (w1[1] != x[1] || w1[2] != 1 || w1[3] != 1)
            throw new ShapeException($"channel_gate: hidden weights {Tensor.ShapeString(w1)} must be [M,{x[1]},1,1]");
        if (w1[0] > MaxHidden) throw new ShapeException($"channel_gate: {w1[0]} hidden channels exceed the kernel's {MaxHidden}");
        if (w2[1] != w1[0] || w2[2] != 1 || w2[3] != 1)
            throw new ShapeException($"channel_gate: output weights {Tensor.ShapeString(w2)} must be [K,{w1[0]},1,1]");
        if (inputs[2] is { } b1 && (b1.Length != 1 || b1[0] != w1[0]))
            throw new ShapeException($"channel_gate: hidden bias {Tensor.ShapeString(b1)} must be [{w1[0]}]");
        if (inputs.Count > 4 && inputs[4] is { } b2 && (b2.Length != 1 || b2[0] != w2[0]))
            throw new ShapeException($"channel_gate: output bias {Tensor.ShapeString(b2)} must be [{w2[0]}]");
        if (inputs.Count > 5 && inputs[5] is { } z && (!Squeeze || !z.AsSpan().SequenceEqual(x)))
            throw new ShapeException($"channel_gate: an addend {Tensor.ShapeString(z)} needs a squeezing gate and x's shape {Tensor.ShapeString(x)}");
        return [x[0], w2[0], 1, 1];
    }

    public override void Reference(IReadOnlyList<Tensor?> inputs, Tensor output)
    {
        Tensor x = inputs[0]!, w1 = inputs[1]!, w2 = inputs[3]!;
        Tensor? b1 = inputs[2], b2 = inputs.Count > 4 ? inputs[4] : null;
        int n = x.Shape[0], c = x.Shape[1], m = w1.Shape[0], k = w2.Shape[0];
        if (inputs.Count > 5 && inputs[5] is { } z) x = new Binary(BinaryKind.Add).Reference(x, z);
        if (Squeeze) x = new GlobalPool(PoolKind.Average).Reference(x);
        var hidden = new float[m];
        for (int b = 0; b < n; b++)
        {
            for (int j = 0; j < m; j++)
            {
                float h = b1?.Data[j] ?? 0f;
                for (int i = 0; i < c; i++) h += w1.Data[j * c + i] * x.Data[b * c + i];
                hidden[j] = HiddenRelu ? Math.Max(h, 0f) : h;
            }
            for (int o = 0; o < k; o++)
            {
                float v = b2?.Data[o] ?? 0f;
                for (int j = 0; j < m; j++) v += w2.Data[o * m + j] * hidden[j];
                output.Data[b * k + o] = Activations.Apply(Activation, v);
            }
        }
    }

    public override KernelLaunch Launch(IReadOnlyList<int[]?> inputs, int[] output)
    {
        var x = inputs[0]!;
        int m = inputs[1]![0], k = inputs[3]![0];
        return new KernelLaunch(Name, x[0] * 64, [x[1], m, k, x[2] * x[3]], Activations.Floats(Activation), $"MAX_HIDDEN={MaxHidden}",
            Squeeze ? "SQUEEZE" : "", Squeeze ? $"MAX_SQUEEZED={MaxSqueezed}" : "",
            inputs[2] != null ? "HAS_HIDDEN_BIAS" : "", inputs.Count > 4 && inputs[4] != null ? "HAS_BIAS" : "",
            HiddenRelu ? "HIDDEN_RELU" : "", Activations.Define(Activation), inputs.Count > 5 && inputs[5] != null ? "HAS_ADDEND" : "");
    }
}
