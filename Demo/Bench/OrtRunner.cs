using Microsoft.ML.OnnxRuntime;
using Tensor = Vision.Tensors.Tensor;

namespace Vision.Demo.Bench;

/// <summary>ONNX Runtime's CPU execution provider: the peer every Vision backend is compared with.</summary>
public sealed class OrtRunner : IBenchRunner
{
    private readonly SessionOptions _options;
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly OrtValue _input;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private float[] _output = [];

    public OrtRunner(string path, string inputName, Tensor input, int threads)
    {
        _options = new SessionOptions { IntraOpNumThreads = threads, InterOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        // Runs are interleaved with other backends: idle ORT threads must not spin on the cores the next backend needs.
        _options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        _session = new InferenceSession(path, _options);
        _input = OrtValue.CreateTensorValueFromMemory(input.Data, input.Shape.Select(d => (long)d).ToArray());
        _inputNames = [inputName];
        _outputNames = [_session.OutputNames[0]];
        RunOnce();
    }

    public string Name => "ort";
    public string Device => $"ONNX Runtime {OrtEnv.Instance().GetVersionString()} CPU EP";
    public ReadOnlySpan<float> Output => _output;

    public void RunOnce()
    {
        using var results = _session.Run(_runOptions, _inputNames, [_input], _outputNames);
        var span = results[0].GetTensorDataAsSpan<float>();
        if (_output.Length != span.Length) _output = new float[span.Length];
        span.CopyTo(_output);
    }

    public void Dispose()
    {
        _input.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
        _options.Dispose();
    }
}
