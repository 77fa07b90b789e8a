using Vision.Models;
using Vision.TfLite;
using Vision.Tests.Harness;

namespace Vision.Tests.TfLite;

/// <summary>
/// Mutated copies of the real selfie model (fixed seed) must either load or throw ModelLoadException: never another
/// exception type, never a hang.
/// </summary>
public class TfLiteFuzzTests
{
    private const int Cases = 300;
    private const int Seed = 20261123;

    /// <summary>Flips, truncations and insertions anywhere in the file (most flips land in weights and still load).</summary>
    [Test]
    public void ByteMutations_LoadOrThrowModelLoadException()
    {
        byte[] original = File.ReadAllBytes(TfLiteTestData.Model("selfie_segmentation"));
        var rng = new Random(Seed);
        var cases = Enumerable.Range(0, Cases).Select(i => LoaderFuzz.ByteMutation(original, rng, i % 3)).ToList();
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

    private static void Check(string what, List<(byte[] Bytes, string How)> cases, int minRejected) =>
        LoaderFuzz.Check(what, cases, bytes => TfLiteImporter.Load(bytes, "selfie.tflite"),
            e => e.Node?.Split('(').Last().TrimEnd(')') ?? e.Field ?? "(file)", minRejected);
}
