namespace Vision.Demo.Bench;

/// <summary>One inference engine under test: loaded once, then one full inference (input in, first output out) per call.</summary>
public interface IBenchRunner : IDisposable
{
    /// <summary>"gl", "cl", "cpu", "ort" or "opencv".</summary>
    string Name { get; }

    /// <summary>Device and version, for the machine line.</summary>
    string Device { get; }

    /// <summary>Uploads the input, runs the model and copies the first output back to the host.</summary>
    void RunOnce();

    /// <summary>The first output of the last run.</summary>
    ReadOnlySpan<float> Output { get; }
}
