using Vision.Models;
using Vision.TfLite;

namespace Vision.Tests.TfLite;

/// <summary>
/// Mutated copies of the real selfie model (fixed seed) must either load or throw ModelLoadException: never another
/// exception type, never a hang.
/// </summary>
public class TfLiteFuzzTests
{
    private const int Cases = 300;
    private const int Seed = 20261123;
    private static readonly TimeSpan PerCase = TimeSpan.FromSeconds(10);

    /// <summary>Flips, truncations and insertions anywhere in the file (most flips land in weights and still load).</summary>
    [Test]
    public void ByteMutations_LoadOrThrowModelLoadException()
    {
        byte[] original = File.ReadAllBytes(TfLiteTestData.Model("selfie_segmentation"));
        var rng = new Random(Seed);
        var cases = Enumerable.Range(0, Cases).Select(i => Mutate(original, rng, i % 3, 0, original.Length)).ToList();
        Check("byte-level mutations", cases, Cases / 4);
    }

    /// <summary>
    /// Flips confined to the FlatBuffer's structure (tables, vtables, vectors of shapes and indices, strings), found as
    /// the bytes outside the weight buffers: these reach the importer's own checks rather than the weights.
    /// </summary>
    [Test]
    public void StructureMutations_LoadOrThrowModelLoadException()
    {
        byte[] original = File.ReadAllBytes(TfLiteTestData.Model("selfie_segmentation"));
        var structure = StructureBytes(original);
        var rng = new Random(Seed + 1);
        var cases = Enumerable.Range(0, Cases).Select(_ =>
        {
            byte[] b = (byte[])original.Clone();
            int flips = rng.Next(1, 5);
            for (int k = 0; k < flips; k++) b[structure[rng.Next(structure.Count)]] ^= (byte)rng.Next(1, 256);
            return (b, $"{flips} structure byte flips");
        }).ToList();
        Check("structure mutations", cases, Cases / 4);
    }

    /// <summary>Positions of bytes not inside any weight buffer (the model's FlatBuffer structure).</summary>
    private static List<int> StructureBytes(byte[] bytes)
    {
        var file = TfLiteFile.Read(bytes, "selfie.tflite");
        var inWeights = new bool[bytes.Length];
        foreach (var t in file.Tensors)
        {
            var data = file.Buffer(t.Buffer, t);
            for (int i = 0; i < data.Count; i++) inWeights[data.Offset + i] = true;
        }
        return Enumerable.Range(0, bytes.Length).Where(i => !inWeights[i]).ToList();
    }

    private static void Check(string what, List<(byte[] Bytes, string How)> cases, int minRejected)
    {
        int loaded = 0, rejected = 0;
        var failures = new List<string>();
        var reasons = new Dictionary<string, int>();
        for (int i = 0; i < cases.Count; i++)
        {
            var (bytes, how) = cases[i];
            Exception? thrown = null;
            var run = Task.Run(() =>
            {
                try { TfLiteImporter.Load(bytes, "selfie.tflite"); }
                catch (Exception e) { thrown = e; }
            });
            if (!run.Wait(PerCase))
            {
                failures.Add($"case {i} ({how}): no result within {PerCase.TotalSeconds} s");
                continue;
            }
            if (thrown == null) loaded++;
            else if (thrown is ModelLoadException mle)
            {
                rejected++;
                string key = mle.Node?.Split('(').Last().TrimEnd(')') ?? mle.Field ?? "(file)";
                reasons[key] = reasons.GetValueOrDefault(key) + 1;
            }
            else failures.Add($"case {i} ({how}): {thrown.GetType().Name}: {thrown.Message}\n{thrown.StackTrace}");
        }
        TestContext.Out.WriteLine($"{cases.Count} {what}: {loaded} loaded, {rejected} rejected with ModelLoadException, {failures.Count} failures.");
        TestContext.Out.WriteLine("rejections by op/field: " + string.Join(", ", reasons.OrderByDescending(r => r.Value).Take(12).Select(r => $"{r.Key}: {r.Value}")));
        Assert.That(failures, Is.Empty, string.Join("\n", failures.Take(5)));
        Assert.That(rejected, Is.GreaterThan(minRejected), "the mutations should break many files");
    }

    /// <summary>0: flip 1-8 bytes; 1: truncate; 2: insert 1-64 random bytes.</summary>
    private static (byte[], string) Mutate(byte[] original, Random rng, int kind, int from, int to)
    {
        switch (kind)
        {
            case 0:
            {
                byte[] b = (byte[])original.Clone();
                int flips = rng.Next(1, 9);
                for (int k = 0; k < flips; k++) b[rng.Next(from, to)] ^= (byte)rng.Next(1, 256);
                return (b, $"{flips} byte flips");
            }
            case 1:
            {
                int length = rng.Next(original.Length);
                return (original[..length], $"truncated to {length}");
            }
            default:
            {
                int at = rng.Next(original.Length + 1);
                var garbage = new byte[rng.Next(1, 65)];
                rng.NextBytes(garbage);
                return ([.. original[..at], .. garbage, .. original[at..]], $"{garbage.Length} bytes inserted at {at}");
            }
        }
    }
}
