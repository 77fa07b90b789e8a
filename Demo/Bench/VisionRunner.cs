using Vision.Backends;
using Vision.Models;
using Vision.Runtime;
using Tensor = Vision.Tensors.Tensor;

namespace Vision.Demo.Bench;

/// <summary>A Vision backend: a <see cref="Worker"/> on the model; a run writes the input, queues the plan and reads the output.</summary>
public sealed class VisionRunner : IBenchRunner
{
    private readonly Worker _worker;
    private readonly string _inputName;
    private readonly Tensor _input;
    private readonly DeviceTensor _outputOnDevice;
    private readonly float[] _output;

    public VisionRunner(Model model, Backend kind, string inputName, Tensor input)
    {
        _worker = new Worker(model, kind);
        _inputName = inputName;
        _input = input;
        _worker.Run(inputName, input);
        _outputOnDevice = _worker.PeekOutputOnDevice();
        _output = new float[_outputOnDevice.Length];
        _worker.Backend.Read(_outputOnDevice, _output);
        Name = kind.ToString().ToLowerInvariant();
    }

    public string Name { get; }
    public string Device => _worker.Backend.DeviceName;
    public Worker Worker => _worker;
    public ReadOnlySpan<float> Output => _output;

    public void RunOnce()
    {
        _worker.Run(_inputName, _input);
        _worker.Backend.Read(_outputOnDevice, _output);
    }

    public void Dispose() => _worker.Dispose();
}
