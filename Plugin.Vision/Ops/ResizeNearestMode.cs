namespace Vision.Ops;

/// <summary>ONNX Resize <c>nearest_mode</c>: how nearest rounds the input coordinate.</summary>
public enum ResizeNearestMode
{
    /// <summary>Round half down (the default).</summary>
    RoundPreferFloor,

    /// <summary>Round half up.</summary>
    RoundPreferCeil,

    Floor,
    Ceil,
}
