namespace Vision.Conformance;

public enum ConformanceStatus
{
    Pass,
    Fail,
    Skip,
}
