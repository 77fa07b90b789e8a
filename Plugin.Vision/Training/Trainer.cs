using Vision.Backends;
using Vision.Compile;
using Vision.Models;
using Vision.Runtime;

namespace Vision.Training;

/// <summary>
/// Mini-batch training of a classifier built with <see cref="Building.GraphBuilder"/>: each epoch shuffles the training
/// set, augments every image, and runs one <see cref="TrainingGraph"/> step per full batch (the remainder is dropped);
/// the learning rate follows the schedule. The model's initializers hold the trained weights afterwards.
/// </summary>
public sealed class Trainer(Model model, IComputeBackend backend, TrainingOptions options)
{
    public Model Model { get; } = model;
    public TrainingOptions Options { get; } = options;

    /// <summary>Trains for <see cref="TrainingOptions.Epochs"/>; <paramref name="progress"/> hears of every batch (epoch, batch, batches).</summary>
    public IReadOnlyList<EpochResult> Fit(Dataset train, Action<EpochResult>? epochDone = null, Action<int, int, int>? progress = null)
    {
        var o = Options;
        var random = new Random(o.Seed);
        using var graph = new TrainingGraph(Model, backend, o.BatchSize, o.Sgd, o.Seed);
        int batches = train.Count / o.BatchSize;
        if (batches == 0) throw new ArgumentException($"{train.Count} images make no batch of {o.BatchSize}.");
        var order = Enumerable.Range(0, train.Count).ToArray();
        var images = new float[o.BatchSize * train.ImageSize];
        var labels = new int[o.BatchSize];
        var results = new List<EpochResult>();
        for (int epoch = 0; epoch < o.Epochs; epoch++)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            float rate = o.Schedule.At(epoch, o.Epochs, o.Sgd.LearningRate);
            graph.SetLearningRate(rate);
            random.Shuffle(order);
            double loss = 0;
            int correct = 0;
            for (int b = 0; b < batches; b++)
            {
                for (int i = 0; i < o.BatchSize; i++)
                {
                    int index = order[b * o.BatchSize + i];
                    o.Augmentation.Apply(train.Image(index), images.AsSpan(i * train.ImageSize, train.ImageSize), train.Channels, train.Height, train.Width, random);
                    labels[i] = train.Labels[index];
                }
                var logits = graph.Step(images, labels);
                var (l, c) = Ops.SoftmaxCrossEntropyBackward.Loss(logits, labels, graph.Classes);
                loss += l;
                correct += c;
                progress?.Invoke(epoch, b + 1, batches);
            }
            var result = new EpochResult(epoch + 1, o.Epochs, loss / batches, (double)correct / (batches * o.BatchSize), rate, clock.Elapsed);
            results.Add(result);
            epochDone?.Invoke(result);
        }
        graph.CopyTo(Model);
        return results;
    }

    /// <summary>Accuracy of <paramref name="model"/> (inference mode: running statistics, no dropout) on a labelled set.</summary>
    public static double Evaluate(Model model, IComputeBackend backend, Dataset test, int batchSize = 100)
    {
        using var worker = new Worker(model, backend, new WorkerOptions { Compile = CompileOptions.Default });
        int correct = 0;
        for (int first = 0; first < test.Count; first += batchSize)
        {
            int count = Math.Min(batchSize, test.Count - first);
            worker.Run(test.Batch(first, count));
            var logits = worker.PeekOutput();
            int classes = logits.Shape[^1];
            for (int i = 0; i < count; i++)
            {
                var row = logits.Data.AsSpan(i * classes, classes);
                int arg = 0;
                for (int k = 1; k < classes; k++) if (row[k] > row[arg]) arg = k;
                if (arg == test.Labels[first + i]) correct++;
            }
        }
        return (double)correct / test.Count;
    }
}
