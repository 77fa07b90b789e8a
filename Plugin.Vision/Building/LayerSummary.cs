using Vision.Tensors;

namespace Vision.Building;

/// <summary>
/// One row of a <see cref="ModelSummary"/>: a node, the shape of its (first) output, its trainable parameters, its
/// multiply-accumulates (convolutions and matrix products only), and its output's receptive field per spatial axis
/// (null when the value has no spatial axes and never had).
/// </summary>
public sealed record LayerSummary(string Name, string Op, int[] OutputShape, long Parameters, long Macs,
    ReceptiveField? FieldH, ReceptiveField? FieldW)
{
    public string ShapeText => Tensor.ShapeString(OutputShape);

    /// <summary>"size/jump/start", or "HxW" forms per axis when they differ; "-" without a field.</summary>
    public string FieldText => FieldH is not { } h ? "-"
        : FieldW is not { } w || w == h ? h.ToString()
        : $"{ReceptiveField.Format(h.Size)}x{ReceptiveField.Format(w.Size)}/{ReceptiveField.Format(h.Jump)}x{ReceptiveField.Format(w.Jump)}/{ReceptiveField.Format(h.Start)}x{ReceptiveField.Format(w.Start)}";
}
