using Vision.Architectures;
using Vision.Building;
using Vision.Models;

namespace Vision.Demo.Cli;

/// <summary>
/// <c>./vision summary MODEL|--arch NAME [--input 1,3,224,224]</c>: one row per layer (name, op, output shape,
/// parameters, MACs, receptive field as size/jump/start in input pixels), then the totals; the last line is
/// <c>total params: N, MACs: M</c>. MODEL is any file Vision loads (ONNX, TFLite).
/// </summary>
public static class SummaryCommand
{
    private const string Usage = "usage: ./vision summary MODEL|--arch NAME [--input 1,3,224,224] [--classes N]";

    public static int Run(string[] args)
    {
        string? path = null, arch = null;
        int[]? input = null;
        int? classes = null;
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => ++i < args.Length ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value; {Usage}");
            switch (args[i])
            {
                case "--arch": arch = Next(); break;
                case "--input": input = ParseShape(Next()); break;
                case "--classes": classes = int.Parse(Next()); break;
                case "--list":
                    Console.WriteLine(string.Join("\n", Architecture.Names));
                    return 0;
                default:
                    if (args[i].StartsWith("--", StringComparison.Ordinal) || path != null) throw new ArgumentException($"unexpected '{args[i]}'; {Usage}");
                    path = args[i];
                    break;
            }
        }
        if ((path == null) == (arch == null)) throw new ArgumentException($"give a model file or --arch NAME ({string.Join(", ", Architecture.Names)}); {Usage}");

        Model model;
        if (arch != null)
        {
            model = Architecture.Create(arch, new ArchitectureOptions { InputShape = input, Classes = classes, InitializeWeights = false });
            Console.WriteLine($"{arch}: input {string.Join(",", model.Inputs[0].Dims)}");
        }
        else
        {
            if (!File.Exists(path)) throw new FileNotFoundException($"model '{path}' does not exist.");
            model = ModelLoader.Load(path!);
            Console.WriteLine($"{Path.GetFileName(path)}: {model}");
        }
        var inputs = model.Inputs.Where(v => !model.Initializers.ContainsKey(v.Name)).ToList();
        // Symbolic dimensions (SymbolicShape), unless --input says otherwise.
        var shapes = inputs.ToDictionary(v => v.Name, SymbolicShape.Of, StringComparer.Ordinal);
        if (input == null && inputs.Any(SymbolicShape.IsSymbolic))
            Console.WriteLine($"symbolic input dimensions set to {string.Join("; ", shapes.Select(kv => $"{kv.Key} {string.Join(",", kv.Value)}"))} (--input overrides)");
        if (input != null && inputs.Count > 0) shapes[inputs[0].Name] = input;
        Console.Write(ModelSummary.Of(model, shapes).ToText());
        return 0;
    }

    private static int[] ParseShape(string text)
    {
        try
        {
            return text.Split(',', 'x').Select(int.Parse).ToArray();
        }
        catch (FormatException)
        {
            throw new ArgumentException($"--input '{text}' is not a shape like 1,3,224,224.");
        }
    }
}
