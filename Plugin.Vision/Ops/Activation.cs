namespace Vision.Ops;

/// <summary>An activation fused into the producing kernel (applied to each output before it is stored).</summary>
public enum Activation
{
    None,
    Relu,
}
