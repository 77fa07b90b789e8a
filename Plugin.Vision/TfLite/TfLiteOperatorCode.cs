namespace Vision.TfLite;

/// <summary>An entry of the model's operator-code table: a builtin operator, or CUSTOM with the custom op's name.</summary>
internal sealed record TfLiteOperatorCode(int Builtin, string? CustomCode, int Version)
{
    public bool IsCustom => Builtin == (int)TfLiteBuiltinOperator.CUSTOM;

    /// <summary>"CONV_2D", "custom op 'Convolution2DTransposeBias'" or "builtin operator 200" for codes newer than Vision knows.</summary>
    public string DisplayName => IsCustom ? $"custom op '{CustomCode}'"
        : Enum.IsDefined((TfLiteBuiltinOperator)Builtin) ? ((TfLiteBuiltinOperator)Builtin).ToString() : $"builtin operator {Builtin}";
}
