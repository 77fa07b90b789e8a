namespace Vision.TfLite;

/// <summary>One tensor of a subgraph as the file declares it: shape (NHWC for images), type, and its buffer (0 = none).</summary>
internal sealed record TfLiteTensor(int Index, string Name, int[] Shape, TfLiteTensorType Type, int Buffer, bool Quantized)
{
    public override string ToString() => $"'{Name}' (tensor {Index}, {Type}[{string.Join(",", Shape)}])";
}
