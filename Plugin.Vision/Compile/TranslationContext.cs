using Vision.Models;
using Vision.Ops;
using Vision.Tensors;

namespace Vision.Compile;

/// <summary>What a node's translation sees (its inputs' shapes and constant values) and what it emits (steps, aliases).</summary>
public sealed class TranslationContext
{
    private readonly Func<string, int[]?> _shape;
    private readonly Func<string, Tensor?> _constant;
    private readonly Dictionary<string, int[]> _local = new(StringComparer.Ordinal);
    private int _temps;

    internal List<Step> Steps { get; } = [];
    internal List<(string Alias, string Source, int[] Shape)> Aliases { get; } = [];
    internal Dictionary<string, Tensor> NewConstants { get; } = new(StringComparer.Ordinal);

    public Node Node { get; }
    public int Opset { get; }

    internal TranslationContext(Node node, int opset, Func<string, int[]?> shape, Func<string, Tensor?> constant)
    {
        Node = node;
        Opset = opset;
        _shape = shape;
        _constant = constant;
    }

    public int InputCount => Node.Inputs.Count;
    public bool Has(int i) => Node.InputOrNull(i) != null;
    public string Input(int i) => Node.InputOrNull(i) ?? throw Error($"input {i} is required");
    public string? InputOrNull(int i) => Node.InputOrNull(i);
    public string Output(int i = 0) => Node.Outputs[i];

    public int[] Shape(int i) => _shape(Input(i)) ?? throw Error($"input {i} '{Input(i)}' has no known shape");
    public int[] ShapeOf(string value) =>
        (_local.TryGetValue(value, out var s) ? s : _shape(value)) ?? throw Error($"value '{value}' has no known shape");
    public Tensor? Constant(int i) => Has(i) ? ConstantOf(Input(i)) : null;
    public Tensor? ConstantOf(string value) => NewConstants.TryGetValue(value, out var t) ? t : _constant(value);

    /// <summary>An input that must be a constant (ONNX passes pads, axes, shapes as int64 tensors).</summary>
    public long[] ConstantLongs(int i, string what)
    {
        var t = Constant(i) ?? throw NotConstant(i, what);
        return t.ElementType == ElementType.Int64 ? t.Longs : t.Data.Select(v => (long)v).ToArray();
    }

    public float[] ConstantFloats(int i, string what)
    {
        var t = Constant(i) ?? throw NotConstant(i, what);
        return t.ElementType == ElementType.Float32 ? t.Data : t.Longs.Select(v => (float)v).ToArray();
    }

    public int Int(string name, long fallback) => checked((int)Node.GetInt(name, fallback));
    public int[] Ints(string name, params int[] fallback)
    {
        var v = Node.GetInts(name);
        return v.Count == 0 ? fallback : v.Select(x => checked((int)x)).ToArray();
    }

    /// <summary>Emits a step writing <paramref name="output"/> (a node output or a <see cref="Temp"/>).</summary>
    public string Emit(Op op, string output, params string?[] inputs)
    {
        var shapes = inputs.Select(i => i == null ? null : ShapeOf(i)).ToArray();
        int[] outShape;
        try
        {
            outShape = op.OutputShape(shapes);
        }
        catch (ShapeException e)
        {
            throw Error(e.Message);
        }
        Steps.Add(new Step(Node.Name, op, inputs, output, outShape));
        _local[output] = outShape;
        return output;
    }

    /// <summary>Makes <paramref name="alias"/> a view of <paramref name="source"/> with another shape of the same length.</summary>
    public void Alias(string alias, string source, int[] shape)
    {
        if (Tensor.ShapeLength(shape) != Tensor.ShapeLength(ShapeOf(source)))
            throw Error($"cannot view {Tensor.ShapeString(ShapeOf(source))} as {Tensor.ShapeString(shape)}");
        Aliases.Add((alias, source, shape));
        _local[alias] = shape;
    }

    /// <summary>A constant created by the translation (a folded weight, a scale).</summary>
    public string AddConstant(Tensor value)
    {
        string name = Temp();
        NewConstants[name] = value;
        _local[name] = value.Shape;
        return name;
    }

    public string Temp() => $"{Node.Name}/t{_temps++}";

    private CompileException NotConstant(int i, string what) =>
        new(Node.Name, Node.OpType, $"input {i} ({what}) must be a constant; computed {what} is not supported", unsupported: true)
        {
            NeedsConstant = Input(i),
        };

    public CompileException Error(string message) => new(Node.Name, Node.OpType, message);
    public CompileException Unsupported(string message) => new(Node.Name, Node.OpType, message, unsupported: true);
}
