using Vision.Models;
using Vision.Onnx;

namespace Vision.Tests.Onnx;

/// <summary>
/// Mutated copies of a real model (fixed seed) must either load or throw ModelLoadException: never another exception
/// type, never a hang.
/// </summary>
public class OnnxFuzzTests
{
    private const int Cases = 300;
    private const int Seed = 20261123;
    private static readonly TimeSpan PerCase = TimeSpan.FromSeconds(10);

    [Test]
    public void MutatedMnist_LoadsOrThrowsModelLoadException()
    {
        string path = OnnxTestData.SharedModel("mnist-8.onnx");
        byte[] original = File.ReadAllBytes(path);
        var rng = new Random(Seed);
        int loaded = 0, rejected = 0;
        var failures = new List<string>();
        var reasons = new Dictionary<string, int>();
        for (int i = 0; i < Cases; i++)
        {
            byte[] bytes = Mutate(original, rng, i % 3, out string how);
            Exception? thrown = null;
            var run = Task.Run(() =>
            {
                try { OnnxImporter.Load(bytes, path); }
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
                string key = mle.Field ?? "(parse)";
                reasons[key] = reasons.GetValueOrDefault(key) + 1;
            }
            else failures.Add($"case {i} ({how}): {thrown.GetType().Name}: {thrown.Message}\n{thrown.StackTrace}");
        }
        TestContext.Out.WriteLine($"{Cases} mutations of mnist-8.onnx: {loaded} loaded, {rejected} rejected with ModelLoadException, {failures.Count} failures.");
        TestContext.Out.WriteLine("rejections by field: " + string.Join(", ", reasons.OrderByDescending(r => r.Value).Take(12).Select(r => $"{r.Key}: {r.Value}")));
        Assert.That(failures, Is.Empty, string.Join("\n", failures.Take(5)));
        Assert.That(rejected, Is.GreaterThan(Cases / 3), "the mutations should break most files");
    }

    /// <summary>0: flip 1-8 bytes; 1: truncate; 2: insert 1-64 random bytes.</summary>
    private static byte[] Mutate(byte[] original, Random rng, int kind, out string how)
    {
        switch (kind)
        {
            case 0:
            {
                byte[] b = (byte[])original.Clone();
                int flips = rng.Next(1, 9);
                for (int k = 0; k < flips; k++) b[rng.Next(b.Length)] ^= (byte)rng.Next(1, 256);
                how = $"{flips} byte flips";
                return b;
            }
            case 1:
            {
                int length = rng.Next(original.Length);
                how = $"truncated to {length}";
                return original[..length];
            }
            default:
            {
                int at = rng.Next(original.Length + 1);
                var garbage = new byte[rng.Next(1, 65)];
                rng.NextBytes(garbage);
                how = $"{garbage.Length} bytes inserted at {at}";
                return [.. original[..at], .. garbage, .. original[at..]];
            }
        }
    }
}
