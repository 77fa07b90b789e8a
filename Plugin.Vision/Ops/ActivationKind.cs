namespace Vision.Ops;

/// <summary>The functions a producing kernel can apply before it stores (each an <c>ACT_&lt;KIND&gt;</c> define of <c>Shaders/activation.inc</c>).</summary>
public enum ActivationKind
{
    None,
    Relu,

    /// <summary>min(max(x, Alpha), Beta); ReLU6 is Clip(0, 6).</summary>
    Clip,

    /// <summary>x, or Alpha * x below zero.</summary>
    LeakyRelu,
    Sigmoid,

    /// <summary>max(0, min(1, Alpha * x + Beta)).</summary>
    HardSigmoid,
    HardSwish,
    Tanh,
}
