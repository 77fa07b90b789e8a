using Vision.Ops;

namespace Vision.Compile;

/// <summary>One op of a compiled plan: it reads named values (null for an absent optional input) and writes one.</summary>
public sealed record Step(string Node, Op Op, string?[] Inputs, string Output, int[] OutputShape)
{
    public override string ToString() => $"{Node}: {Op.Name}({string.Join(", ", Inputs.Select(i => i ?? "-"))}) -> {Output}";
}
