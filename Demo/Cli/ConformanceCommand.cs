using Vision.Backends;
using Vision.Conformance;

namespace Vision.Demo.Cli;

/// <summary><c>./vision conformance [--backend gl|cl|cpu|all] DIR...</c>: one line per test and backend, then the totals.</summary>
public static class ConformanceCommand
{
    public static int Run(string[] args)
    {
        var backends = new List<Backend>();
        var dirs = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--backend")
            {
                if (++i >= args.Length) throw new ArgumentException("--backend needs a value: gl, cl, cpu or all (comma-separated list allowed).");
                backends.AddRange(ParseBackends(args[i]));
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"unknown option {args[i]}; usage: ./vision conformance [--backend gl|cl|cpu|all] DIR...");
            else dirs.Add(args[i]);
        }
        if (dirs.Count == 0) throw new ArgumentException("usage: ./vision conformance [--backend gl|cl|cpu|all] DIR... (e.g. /usr/share/libonnx-testdata/data/node)");
        if (backends.Count == 0) backends.Add(Backend.CPU);

        var tests = dirs.SelectMany(ConformanceRunner.Discover).ToList();
        int passed = 0, failed = 0, skipped = 0;
        foreach (var kind in backends.Distinct())
        {
            using var backend = BackendFactory.Create(kind);
            var runner = new ConformanceRunner(backend);
            foreach (var dir in tests)
            {
                var result = runner.Run(dir);
                Console.WriteLine(result);
                switch (result.Status)
                {
                    case ConformanceStatus.Pass: passed++; break;
                    case ConformanceStatus.Fail: failed++; break;
                    default: skipped++; break;
                }
            }
        }
        Console.WriteLine($"{passed} passed, {failed} failed, {skipped} skipped");
        return failed > 0 ? 1 : 0;
    }

    public static IEnumerable<Backend> ParseBackends(string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .SelectMany(b => b == "all" ? [Backend.GL, Backend.CL, Backend.CPU] : new[] { BackendFactory.Parse(b) });
}
