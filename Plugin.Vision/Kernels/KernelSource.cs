using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace Vision.Kernels;

/// <summary>
/// Kernel sources embedded from <c>Shaders/</c>. <c>#include "file"</c> is resolved here (GLSL has no include), so both
/// languages share one body per op (<c>&lt;op&gt;.body</c>) under a thin per-language entry (<c>&lt;op&gt;.comp</c>,
/// <c>&lt;op&gt;.cl</c>) and prelude (<c>common.glsl</c>, <c>common.cl</c>).
/// </summary>
public static partial class KernelSource
{
    private static readonly Assembly Assembly = typeof(KernelSource).Assembly;
    private static readonly ConcurrentDictionary<string, string> Files = new();

    [GeneratedRegex("^[ \\t]*#include[ \\t]+\"([^\"]+)\"[^\\n]*$", RegexOptions.Multiline)]
    private static partial Regex IncludeLine();

    /// <summary>The raw text of one embedded file, e.g. "conv2d.comp".</summary>
    public static string File(string name) => Files.GetOrAdd(name, static n =>
    {
        using var stream = Assembly.GetManifestResourceStream("Shaders/" + n)
            ?? throw new FileNotFoundException($"Kernel source 'Shaders/{n}' is not embedded in {Assembly.GetName().Name}; add the file to Shaders/.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    });

    public static bool Exists(string name) => Files.ContainsKey(name) || Assembly.GetManifestResourceInfo("Shaders/" + name) != null;

    /// <summary>
    /// Adds (or replaces) a kernel file at run time, for ops defined outside Vision: register <c>myop.body</c>,
    /// <c>myop.comp</c> and <c>myop.cl</c>, and an <see cref="Ops.Op"/> named "myop" runs on every backend. Programs already
    /// built from an older text stay cached per backend.
    /// </summary>
    public static void Register(string name, string source) => Files[name] = source;

    /// <summary>The file with its includes expanded (each included once), after a header of <c>#define</c>s.</summary>
    public static string Expand(string name, string header, IEnumerable<string> defines)
    {
        var sb = new StringBuilder(header);
        foreach (var d in defines)
        {
            int eq = d.IndexOf('=');
            sb.Append("#define ").Append(eq < 0 ? d : d[..eq] + " " + d[(eq + 1)..]).Append('\n');
        }
        sb.Append(Resolve(name, new HashSet<string>()));
        return sb.ToString();
    }

    private static string Resolve(string name, HashSet<string> seen)
    {
        if (!seen.Add(name)) return "";
        return IncludeLine().Replace(File(name), m => Resolve(m.Groups[1].Value, seen));
    }
}
