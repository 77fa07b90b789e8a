using Vision.Models;

namespace Vision.Building;

/// <summary>
/// A plain stack of layers, each reading the previous one's output (PyTorch's nn.Sequential):
/// <code>
/// Model lenet = new Sequential([1, 1, 28, 28], seed: 1)
///     .Conv(6, 5, padding: 2).Relu().MaxPool(2)
///     .Conv(16, 5).Relu().MaxPool(2)
///     .Flatten().Linear(120).Relu().Linear(84).Relu().Linear(10)
///     .Build();
/// </code>
/// <see cref="Then"/> drops into the functional <see cref="GraphBuilder"/> for a block with branches.
/// </summary>
public sealed class Sequential
{
    public GraphBuilder Graph { get; }

    /// <summary>The output of the last layer added.</summary>
    public Symbol Current { get; private set; }

    public Sequential(int[] inputShape, int seed = 0, string inputName = "input", bool initializeWeights = true)
    {
        Graph = new GraphBuilder(seed, initializeWeights);
        Current = Graph.Input(inputName, inputShape);
    }

    /// <summary>Any block written against the functional builder: it gets the builder and the current value.</summary>
    public Sequential Then(Func<GraphBuilder, Symbol, Symbol> block)
    {
        Current = block(Graph, Current);
        return this;
    }

    public Sequential Conv(int outChannels, int kernel, int stride = 1, int padding = 0, int dilation = 1, int groups = 1, bool bias = true, string? name = null) =>
        Then((g, x) => g.Conv(x, outChannels, kernel, stride, padding, dilation, groups, bias, name));

    public Sequential ConvTranspose(int outChannels, int kernel, int stride = 1, int padding = 0, bool bias = true, string? name = null) =>
        Then((g, x) => g.ConvTranspose(x, outChannels, kernel, stride, padding, bias: bias, name: name));

    public Sequential BatchNorm(string? name = null) => Then((g, x) => g.BatchNorm(x, name: name));
    public Sequential Relu(string? name = null) => Then((g, x) => g.Relu(x, name));
    public Sequential Relu6(string? name = null) => Then((g, x) => g.Relu6(x, name));
    public Sequential Tanh(string? name = null) => Then((g, x) => g.Tanh(x, name));
    public Sequential Sigmoid(string? name = null) => Then((g, x) => g.Sigmoid(x, name));
    public Sequential Dropout(float ratio = 0.5f, string? name = null) => Then((g, x) => g.Dropout(x, ratio, name));
    public Sequential MaxPool(int kernel, int? stride = null, int padding = 0, bool ceilMode = false, string? name = null) =>
        Then((g, x) => g.MaxPool(x, kernel, stride, padding, ceilMode, name));
    public Sequential AvgPool(int kernel, int? stride = null, int padding = 0, string? name = null) =>
        Then((g, x) => g.AvgPool(x, kernel, stride, padding, name: name));
    public Sequential GlobalAvgPool(string? name = null) => Then((g, x) => g.GlobalAvgPool(x, name));
    public Sequential Flatten(string? name = null) => Then((g, x) => g.Flatten(x, name));
    public Sequential Linear(int outFeatures, bool bias = true, string? name = null) => Then((g, x) => g.Linear(x, outFeatures, bias, name));
    public Sequential Softmax(string? name = null) => Then((g, x) => g.Softmax(x, name: name));

    public Model Build(string outputName = "output", string producer = "Vision builder")
    {
        Graph.Output(Current, outputName);
        return Graph.Build(producer);
    }
}
