namespace Vision.Models;

/// <summary>A node that Vision cannot run, and why: tools list these and skip the model with the reason.</summary>
public sealed record UnsupportedOp(string OpType, string Node, string Reason)
{
    public override string ToString() => $"{OpType} ({Node}): {Reason}";
}
