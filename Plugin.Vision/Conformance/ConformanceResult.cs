using Vision.Backends;

namespace Vision.Conformance;

/// <summary>One test directory on one backend: pass, fail with the worst errors, or skip with the reason.</summary>
public sealed record ConformanceResult(string Test, Backend Backend, ConformanceStatus Status, double MaxAbs, double MaxRel, string Detail)
{
    public override string ToString() => Status switch
    {
        ConformanceStatus.Pass => $"pass  {Backend,-3} {Test} (max abs {MaxAbs:g3}, rel {MaxRel:g3})",
        ConformanceStatus.Fail => $"FAIL  {Backend,-3} {Test}: {Detail}",
        _ => $"skip  {Backend,-3} {Test}: {Detail}",
    };
}
