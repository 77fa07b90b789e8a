namespace Vision.Onnx;

/// <summary>What an op-set version of an operator changed, relative to the previous one.</summary>
internal enum OnnxOpChangeKind
{
    /// <summary>The first definition, or a change of inputs, attributes or results that Vision implements.</summary>
    Implemented,

    /// <summary>A change of inputs, attributes or results that Vision does not implement yet: models using it are rejected.</summary>
    NotImplemented,

    /// <summary>Only more element types were allowed; the computation on float32 is unchanged.</summary>
    TypesOnly,
}

/// <summary>One row of an operator's history in ONNX's changelog: the version and what it changed.</summary>
internal sealed record OnnxOpChange(int Version, OnnxOpChangeKind Kind, string Note);
