using Vision.Models;
using Vision.Onnx.Proto;

namespace Vision.Onnx;

/// <summary>
/// Reads a tensor's bytes stored outside the model (ONNX external data). A model file is untrusted input: its
/// location may only name a file inside the model's own folder, after resolving "..", absolute paths and symlinks,
/// and offset/length must lie inside that file.
/// </summary>
internal static class OnnxExternalData
{
    public static byte[] Read(TensorProto t, string baseDir, string file, string tensorName)
    {
        string? location = null;
        long offset = 0, length = -1;
        foreach (var e in t.ExternalData)
        {
            switch (e.Key)
            {
                case "location": location = e.Value; break;
                case "offset": offset = ParseNonNegative(e.Value, "offset", file, tensorName); break;
                case "length": length = ParseNonNegative(e.Value, "length", file, tensorName); break;
            }
        }
        string field = $"initializer '{tensorName}' external_data";
        if (string.IsNullOrEmpty(location))
            throw new ModelLoadException(file, null, field, "has no 'location'. Re-save the model with its external data.");
        if (Path.IsPathRooted(location) || location.Contains('\0'))
            throw new ModelLoadException(file, null, field,
                $"location '{location}' is absolute. External data must be a relative path inside the model's folder.");

        string root = RealPath(Path.GetFullPath(baseDir));
        string full = RealPath(Path.GetFullPath(Path.Combine(root, location)));
        if (!full.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ModelLoadException(file, null, field,
                $"location '{location}' resolves to '{full}', outside the model's folder '{root}'. Keep external data beside the model.");
        if (!File.Exists(full))
            throw new ModelLoadException(file, null, field, $"file '{location}' not found next to the model. Copy it beside the model.");

        using var stream = new FileStream(full, FileMode.Open, FileAccess.Read);
        long size = stream.Length;
        if (length < 0) length = size - offset;
        if (offset > size || length > size - offset)
            throw new ModelLoadException(file, null, field,
                $"offset {offset} + length {length} exceeds the size {size} of '{location}'. The external data file is truncated or does not belong to this model.");
        if (length > Array.MaxLength)
            throw new ModelLoadException(file, null, field, $"length {length} is too large for one tensor.");
        var bytes = new byte[length];
        stream.Seek(offset, SeekOrigin.Begin);
        stream.ReadExactly(bytes);
        return bytes;
    }

    private static long ParseNonNegative(string text, string key, string file, string tensorName) =>
        long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long v)
            ? v
            : throw new ModelLoadException(file, null, $"initializer '{tensorName}' external_data {key}",
                $"'{text}' is not a non-negative integer. Re-save the model with its external data.");

    /// <summary>The path with every symlink along it resolved, so containment checks see where the bytes really are.</summary>
    private static string RealPath(string path)
    {
        string root = Path.GetPathRoot(path) ?? "/";
        string current = root;
        var parts = new Queue<string>(path[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries));
        int hops = 0;
        while (parts.Count > 0)
        {
            string part = parts.Dequeue();
            string next = part == ".." ? Path.GetDirectoryName(current) ?? root : part == "." ? current : Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (info.Exists && info.LinkTarget is string target)
            {
                if (++hops > 40) throw new IOException($"Too many symbolic links under '{path}'.");
                string resolved = Path.GetFullPath(Path.IsPathRooted(target) ? target : Path.Combine(current, target));
                // Re-walk the target from the root, then continue with the remaining parts.
                var rest = parts.ToArray();
                parts = new Queue<string>(resolved[(Path.GetPathRoot(resolved) ?? "/").Length..]
                    .Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Concat(rest));
                current = Path.GetPathRoot(resolved) ?? root;
                continue;
            }
            current = next;
        }
        return current;
    }
}
