using Vision.Models;
using Vision.Ops;
using Vision.Tensors;

namespace Vision.Compile;

/// <summary>
/// Compiles a <see cref="Model"/> for concrete input shapes: infers every shape, folds constants (including the int64
/// shape arithmetic of PyTorch and TF exports), folds BatchNormalization into Conv/Gemm, turns layout-only ops into
/// views, fuses activations into their producers, and drops nodes no output needs.
/// </summary>
public static class GraphCompiler
{
    /// <param name="constantInputs">
    /// Inputs whose values are known at compile time (int64 indices, shapes): folded like initializers, so the plan is
    /// specialised to them and must be rebuilt when they change.
    /// </param>
    public static ExecutionPlan Compile(Model model, IReadOnlyDictionary<string, int[]> inputShapes, CompileOptions? options = null,
        IReadOnlyDictionary<string, Tensor>? constantInputs = null)
    {
        options ??= CompileOptions.Default;
        var constants = new Dictionary<string, Tensor>(model.Initializers, StringComparer.Ordinal);
        foreach (var (name, value) in constantInputs ?? new Dictionary<string, Tensor>())
        {
            if (!model.Inputs.Any(i => i.Name == name))
                throw new CompileException(name, "input", $"the model has no input named '{name}'");
            constants[name] = value;
        }
        var shapes = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        var steps = new List<Step>();
        var inputs = new List<string>();

        foreach (var input in model.Inputs)
        {
            if (constantInputs?.ContainsKey(input.Name) == true) continue;
            if (!inputShapes.TryGetValue(input.Name, out var shape))
            {
                if (constants.ContainsKey(input.Name)) continue; // an initializer listed as input (IR < 4): its default stands
                throw new CompileException(input.Name, "input", $"no value given for model input '{input.Name}' {Describe(input)}");
            }
            CheckInputShape(input, shape);
            constants.Remove(input.Name);
            shapes[input.Name] = shape;
            inputs.Add(input.Name);
        }
        foreach (var name in inputShapes.Keys)
            if (!shapes.ContainsKey(name))
                throw new CompileException(name, "input", $"the model has no input named '{name}'; its inputs are {string.Join(", ", model.Inputs.Select(i => i.Name))}");
        foreach (var (name, t) in constants) shapes[name] = t.Shape;

        var outputs = model.Outputs.Select(o => o.Name).ToList();
        var protect = new HashSet<string>(outputs.Concat(options.Keep), StringComparer.Ordinal);
        var nodes = options.FoldBatchNorm && !options.KeepAll ? BatchNormFolding.Apply(model, constants, protect) : model.Nodes.ToList();
        foreach (var (name, t) in constants) shapes[name] = t.Shape;

        foreach (var node in nodes)
        {
            foreach (var i in node.Inputs)
                if (i.Length > 0 && !shapes.ContainsKey(i))
                    throw new CompileException(node.Name, node.OpType, $"input '{i}' is neither a model input, an initializer nor an earlier node's output");
            var ctx = new TranslationContext(node, model.OpsetVersion,
                v => shapes.GetValueOrDefault(v), v => constants.GetValueOrDefault(v));
            if (TryFold(ctx, node, constants, model.OpsetVersion, shapes)) continue;
            NodeTranslator.Translate(ctx);
            foreach (var (name, t) in ctx.NewConstants) { constants[name] = t; shapes[name] = t.Shape; }
            foreach (var (alias, source, shape) in ctx.Aliases) { aliases[alias] = source; shapes[alias] = shape; }
            foreach (var s in ctx.Steps) { steps.Add(s); shapes[s.Output] = s.OutputShape; }
            foreach (var o in node.Outputs.Take(1))
                if (!shapes.ContainsKey(o)) throw new CompileException(node.Name, node.OpType, $"translation produced no value for output '{o}'");
        }
        foreach (var o in outputs)
            if (!shapes.ContainsKey(o)) throw new CompileException(o, "output", $"model output '{o}' is produced by no node");

        if (options.FusePatterns && !options.KeepAll) PatternFusion.Apply(steps, aliases, protect, constants, shapes);
        if (options.FuseActivations && !options.KeepAll) FuseActivations(steps, aliases, protect);
        if (options.FusePatterns && !options.KeepAll)
        {
            PatternFusion.FusePostAffine(steps, aliases, protect, constants, shapes);
            PatternFusion.FuseChannelGates(steps, aliases, protect, shapes);
            PatternFusion.FusePoolAdd(steps, aliases, protect, shapes);
        }
        if (!options.KeepAll) RemoveDead(steps, aliases, protect);
        if (options.FusePatterns && !options.KeepAll) WeightLayout.Apply(steps, constants, shapes);

        var used = new HashSet<string>(steps.SelectMany(s => s.Inputs).OfType<string>().Concat(outputs).Concat(options.Keep), StringComparer.Ordinal);
        foreach (var a in aliases) if (used.Contains(a.Key)) used.Add(a.Value);
        var liveConstants = constants.Where(kv => used.Contains(kv.Key) || ReachesThroughAliases(kv.Key, used, aliases))
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        return new ExecutionPlan
        {
            Steps = steps, Constants = liveConstants, Shapes = shapes, Inputs = inputs, Outputs = outputs, Aliases = aliases,
        };
    }

    private static bool ReachesThroughAliases(string constant, HashSet<string> used, Dictionary<string, string> aliases) =>
        aliases.Any(a => a.Value == constant && used.Contains(a.Key));

    /// <summary>Evaluates the node now when all its inputs are known constants (or it only reads a shape).</summary>
    private static bool TryFold(TranslationContext ctx, Node node, Dictionary<string, Tensor> constants, int opset, Dictionary<string, int[]> shapes)
    {
        if (node.OpType == "Shape")
        {
            var s = shapes[node.Inputs[0]];
            int start = (int)node.GetInt("start", 0), end = (int)node.GetInt("end", s.Length);
            if (start < 0) start += s.Length;
            if (end < 0) end += s.Length;
            start = Math.Clamp(start, 0, s.Length);
            end = Math.Clamp(end, start, s.Length);
            Define(node.Outputs[0], new Tensor([end - start], s[start..end].Select(d => (long)d).ToArray()), constants, shapes);
            return true;
        }
        var present = node.Inputs.Where(i => i.Length > 0).ToList();
        if (present.Count == 0 || present.Any(i => !constants.ContainsKey(i))) return false;

        var values = node.Inputs.Select(i => i.Length > 0 ? constants[i] : null).ToList();
        var folded = HostFolding.TryFold(node, values, opset);
        if (folded != null)
        {
            Define(node.Outputs[0], folded, constants, shapes);
            return true;
        }
        // Float constants: run the node's ops through their CPU references.
        NodeTranslator.Translate(ctx);
        var local = new Dictionary<string, Tensor>(ctx.NewConstants, StringComparer.Ordinal);
        Tensor Value(string name) => local.TryGetValue(name, out var t) ? t : constants[name];
        int stepIndex = 0;
        foreach (var (alias, source, shape) in ctx.Aliases)
        {
            while (stepIndex < ctx.Steps.Count && !local.ContainsKey(source) && !constants.ContainsKey(source))
                RunStep(ctx.Steps[stepIndex++]);
            local[alias] = Value(source).Clone().Reshape(shape);
        }
        while (stepIndex < ctx.Steps.Count) RunStep(ctx.Steps[stepIndex++]);
        foreach (var o in node.Outputs.Where(o => o.Length > 0 && local.ContainsKey(o)))
            Define(o, local[o], constants, shapes);
        return true;

        void RunStep(Step s)
        {
            var output = new Tensor(s.OutputShape);
            s.Op.Reference(s.Inputs.Select(i => i == null ? null : Value(i)).ToArray(), output);
            local[s.Output] = output;
        }
    }

    private static void Define(string name, Tensor value, Dictionary<string, Tensor> constants, Dictionary<string, int[]> shapes)
    {
        constants[name] = value;
        shapes[name] = value.Shape;
    }

    /// <summary>The fused form of an element-wise op, when the kernels have one.</summary>
    internal static Activation? AsActivation(Op op) => op is not Unary u ? null : u.Kind switch
    {
        UnaryKind.Relu => Activation.Relu,
        UnaryKind.Clip => Activation.Clip(u.Alpha, u.Beta),
        UnaryKind.LeakyRelu => Activation.LeakyRelu(u.Alpha),
        UnaryKind.Sigmoid => Activation.Sigmoid,
        UnaryKind.HardSigmoid => Activation.HardSigmoid(u.Alpha, u.Beta),
        UnaryKind.HardSwish => Activation.HardSwish,
        UnaryKind.Tanh => Activation.Tanh,
        _ => null,
    };

    /// <summary>Conv/Gemm/binary op followed by its only consumer, an activation: one kernel instead of two.</summary>
    private static void FuseActivations(List<Step> steps, Dictionary<string, string> aliases, HashSet<string> protect)
    {
        var uses = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var s in steps)
            foreach (var i in s.Inputs.OfType<string>()) uses[i] = uses.GetValueOrDefault(i) + 1;
        foreach (var source in aliases.Values) uses[source] = uses.GetValueOrDefault(source) + 1;
        for (int i = 0; i < steps.Count; i++)
        {
            var producer = steps[i];
            if (producer.Op is not IFusesActivation fusable || fusable.Activation.Kind != ActivationKind.None) continue;
            if (uses.GetValueOrDefault(producer.Output) != 1 || protect.Contains(producer.Output)) continue;
            int j = steps.FindIndex(i + 1, s => s.Inputs.Contains(producer.Output));
            if (j < 0 || AsActivation(steps[j].Op) is not { } activation) continue;
            var consumer = steps[j];
            steps[i] = producer with { Op = fusable.WithActivation(activation), Output = consumer.Output };
            steps.RemoveAt(j);
        }
    }

    /// <summary>Drops steps whose outputs reach no model output and no kept value.</summary>
    private static void RemoveDead(List<Step> steps, Dictionary<string, string> aliases, HashSet<string> protect)
    {
        var needed = new HashSet<string>(protect, StringComparer.Ordinal);
        void Need(string v)
        {
            while (needed.Add(v) && aliases.TryGetValue(v, out var src)) v = src;
            if (aliases.TryGetValue(v, out var s2)) Need(s2);
        }
        foreach (var p in protect.ToList()) Need(p);
        for (int i = steps.Count - 1; i >= 0; i--)
        {
            if (!needed.Contains(steps[i].Output)) { steps.RemoveAt(i); continue; }
            foreach (var input in steps[i].Inputs.OfType<string>()) Need(input);
        }
    }

    private static void CheckInputShape(ValueInfo input, int[] shape)
    {
        if (input.ElementType is not (DataType.Float32 or DataType.Float16 or DataType.Float64 or DataType.Undefined))
            throw new CompileException(input.Name, "input", $"input '{input.Name}' is {input.ElementType}; only float inputs are supported", unsupported: true);
        if (!input.HasShape) return;
        if (input.Dims.Count != shape.Length)
            throw new CompileException(input.Name, "input", $"input '{input.Name}' expects rank {input.Dims.Count} {Describe(input)}, got {Tensor.ShapeString(shape)}");
        for (int d = 0; d < shape.Length; d++)
            if (input.Dims[d].Value is { } fixedDim && fixedDim != shape[d])
                throw new CompileException(input.Name, "input", $"input '{input.Name}' expects {Describe(input)}, got {Tensor.ShapeString(shape)} (dimension {d})");
    }

    private static string Describe(ValueInfo v) => v.HasShape ? "[" + string.Join(",", v.Dims) + "]" : "(shape not declared)";
}
