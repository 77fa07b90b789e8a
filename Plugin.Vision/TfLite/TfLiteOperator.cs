namespace Vision.TfLite;

/// <summary>
/// One operator of a subgraph: which operator code it uses, its input and output tensor indices (-1 = an absent
/// optional input), and its options (a builtin options table, or the raw bytes of a custom op's options).
/// </summary>
internal sealed record TfLiteOperator(int Index, int OpcodeIndex, int[] Inputs, int[] Outputs, byte OptionsType, FlatTable? Options,
    ArraySegment<byte> CustomOptions);
