using Vision.Models;

namespace Vision.Tests.Harness;

/// <summary>
/// The fuzz harness every model importer is held to: mutated copies of a real file must either load or throw
/// ModelLoadException, never another exception type and never a hang.
/// </summary>
public static class LoaderFuzz
{
    public static readonly TimeSpan PerCase = TimeSpan.FromSeconds(10);

    /// <summary>0: flip 1-8 bytes; 1: truncate; 2: insert 1-64 random bytes.</summary>
    public static (byte[] Bytes, string How) ByteMutation(byte[] original, Random rng, int kind)
    {
        switch (kind)
        {
            case 0:
            {
                byte[] b = (byte[])original.Clone();
                int flips = rng.Next(1, 9);
                for (int k = 0; k < flips; k++) b[rng.Next(b.Length)] ^= (byte)rng.Next(1, 256);
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

    /// <summary>
    /// Loads every case with <paramref name="load"/> under a time limit; fails on any other exception or a hang, and
    /// when no more than <paramref name="minRejected"/> cases were rejected (the mutations must break many files).
    /// </summary>
    public static void Check(string what, IReadOnlyList<(byte[] Bytes, string How)> cases, Action<byte[]> load,
        Func<ModelLoadException, string> reason, int minRejected)
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
                try { load(bytes); }
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
                string key = reason(mle);
                reasons[key] = reasons.GetValueOrDefault(key) + 1;
            }
            else failures.Add($"case {i} ({how}): {thrown.GetType().Name}: {thrown.Message}\n{thrown.StackTrace}");
        }
        TestContext.Out.WriteLine($"{cases.Count} {what}: {loaded} loaded, {rejected} rejected with ModelLoadException, {failures.Count} failures.");
        TestContext.Out.WriteLine("rejections by where: " + string.Join(", ", reasons.OrderByDescending(r => r.Value).Take(12).Select(r => $"{r.Key}: {r.Value}")));
        Assert.That(failures, Is.Empty, string.Join("\n", failures.Take(5)));
        Assert.That(rejected, Is.GreaterThan(minRejected), "the mutations should break many files");
    }
}
