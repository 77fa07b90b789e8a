using System.Diagnostics;
using Vision.Architectures;
using Vision.Backends;
using Vision.Onnx;
using Vision.Training;

namespace Vision.Demo.Cli;

/// <summary>
/// <c>./vision train lenet5 --data digits [--backend cpu|gl|cl] [--epochs N] [--batch N] [--lr X] [--seed N] [--out DIR]</c>:
/// trains LeNet-5 on opencv-doc's handwritten digits with SGD (momentum 0.9, weight decay 5e-4, cosine decay) and
/// random shift/rotation/scale/noise, shows loss and accuracy per epoch, evaluates on the held-out columns, and saves
/// DIR/lenet5-digits.onnx with DIR/lenet5-digits.labels.txt. The last line is <c>test accuracy: X%</c>.
/// </summary>
public static class TrainCommand
{
    private const string Usage = "usage: ./vision train lenet5 --data digits|PATH [--backend cpu|gl|cl] [--epochs N] [--batch N] [--lr X] [--seed N] [--out DIR] [--no-augment]";

    /// <summary>
    /// OpenCL when there is a device, else the CPU reference. Measured here for one LeNet-5 step (batch 16): OpenCL on
    /// PoCL ~28 ms, CPU reference ~75 ms, OpenGL on llvmpipe ~146 ms, so GL is not a fallback for training on this machine.
    /// </summary>
    private static IComputeBackend Fastest()
    {
        try
        {
            return BackendFactory.Create(Backend.CL);
        }
        catch (BackendUnavailableException e)
        {
            Console.Error.WriteLine($"[vision] train: {e.Message}; using the CPU reference");
            return BackendFactory.Create(Backend.CPU);
        }
    }

    public static int Run(string[] args)
    {
        string? arch = null, data = null;
        string outDir = "out/train";
        Backend? backendKind = null;
        var o = new TrainingOptions { Epochs = 20, BatchSize = 16, Augmentation = Augmentation.Digits, Sgd = new SgdOptions { LearningRate = 0.02f } };
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => ++i < args.Length ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value; {Usage}");
            switch (args[i])
            {
                case "--data": data = Next(); break;
                case "--backend": backendKind = BackendFactory.Parse(Next()); break;
                case "--epochs": o = o with { Epochs = int.Parse(Next()) }; break;
                case "--batch": o = o with { BatchSize = int.Parse(Next()) }; break;
                case "--lr": o = o with { Sgd = o.Sgd with { LearningRate = float.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture) } }; break;
                case "--seed": o = o with { Seed = int.Parse(Next()) }; break;
                case "--out": outDir = Next(); break;
                case "--no-augment": o = o with { Augmentation = Augmentation.None }; break;
                default:
                    if (args[i].StartsWith("--", StringComparison.Ordinal) || arch != null) throw new ArgumentException($"unexpected '{args[i]}'; {Usage}");
                    arch = args[i];
                    break;
            }
        }
        if (arch != "lenet5") throw new ArgumentException($"only lenet5 trains on digits so far; {Usage}");
        if (data == null) throw new ArgumentException($"--data is required; {Usage}");

        var clock = Stopwatch.StartNew();
        var (train, test) = DigitsData.Load(data == "digits" ? DigitsData.DefaultPath : data);
        // The network normalises its own input (the digits' mean and spread), so the saved model takes raw [0, 1] pixels.
        var model = Architecture.LeNet5(new ArchitectureOptions { Seed = o.Seed, Classes = train.ClassNames.Count, InputNormalization = (0.1f, 0.3f) });
        using var backend = backendKind is { } chosen ? BackendFactory.Create(chosen) : Fastest();
        Console.WriteLine($"lenet5 on digits: {train.Count} training / {test.Count} test images, backend {backend.Kind} ({backend.DeviceName})");
        Console.WriteLine($"SGD lr {o.Sgd.LearningRate} momentum {o.Sgd.Momentum} decay {o.Sgd.WeightDecay}, cosine schedule, batch {o.BatchSize}, {o.Epochs} epochs, augmentation {(o.Augmentation.IsNone ? "off" : "shift/rotate/scale/noise")}, seed {o.Seed}");

        bool interactive = !Console.IsErrorRedirected;
        var trainer = new Trainer(model, backend, o);
        trainer.Fit(train,
            epochDone: r =>
            {
                if (interactive) Console.Error.Write("\r" + new string(' ', 60) + "\r");
                Console.WriteLine($"epoch {r.Epoch,2}/{r.Epochs} [{new string('#', 20)}] loss {r.Loss:0.0000}  accuracy {r.Accuracy * 100:0.00}%  lr {r.LearningRate:0.00000}  ({r.Elapsed.TotalSeconds:0.0} s)");
            },
            progress: (epoch, batch, batches) =>
            {
                if (!interactive) return;
                int filled = batch * 20 / batches;
                Console.Error.Write($"\repoch {epoch + 1,2}/{o.Epochs} [{new string('#', filled)}{new string('.', 20 - filled)}] batch {batch}/{batches}");
            });

        Directory.CreateDirectory(outDir);
        string modelPath = Path.Combine(outDir, "lenet5-digits.onnx"), labelsPath = Path.Combine(outDir, "lenet5-digits.labels.txt");
        OnnxWriter.Save(model, modelPath);
        File.WriteAllLines(labelsPath, train.ClassNames);
        double accuracy = Trainer.Evaluate(model, backend, test);
        Console.WriteLine($"saved {modelPath} and {labelsPath}; total time {clock.Elapsed.TotalSeconds:0.0} s");
        Console.WriteLine($"test accuracy: {accuracy * 100:0.00}%");
        return 0;
    }
}
