namespace Vision.Ops;

/// <summary>ONNX Pad <c>mode</c>: what the padding holds.</summary>
public enum PadMode
{
    /// <summary>A constant value.</summary>
    Constant,

    /// <summary>The mirror image without repeating the edge: [a b c] pads to [c b | a b c | b a].</summary>
    Reflect,

    /// <summary>The edge value repeated: [a b c] pads to [a a | a b c | c c].</summary>
    Edge,

    /// <summary>Periodic continuation: [a b c] pads to [b c | a b c | a b].</summary>
    Wrap,
}
