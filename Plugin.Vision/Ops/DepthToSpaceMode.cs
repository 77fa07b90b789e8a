namespace Vision.Ops;

/// <summary>ONNX DepthToSpace <c>mode</c>: how the channel index splits into (block row, block column, channel).</summary>
public enum DepthToSpaceMode
{
    /// <summary>Depth-column-row: channel = (i * b + j) * C' + c (the default, TensorFlow's order).</summary>
    DCR,

    /// <summary>Column-row-depth: channel = (c * b + i) * b + j (PyTorch's PixelShuffle).</summary>
    CRD,
}
