namespace Vision.Ops;

/// <summary>ONNX <c>auto_pad</c>: explicit pads (NOTSET), no padding (VALID), or "same" with the odd element at the end or start.</summary>
public enum AutoPad
{
    NotSet,
    SameUpper,
    SameLower,
    Valid,
}
