namespace Vision.Models;

/// <summary>
/// A model file could not be read into a <see cref="Model"/>. Says where (file, node, field), what is wrong and what to
/// do; every problem with the file's content surfaces as this type, so callers need to catch only it.
/// </summary>
public class ModelLoadException : Exception
{
    /// <summary>The model (or tensor) file.</summary>
    public string File { get; }

    /// <summary>The node concerned, or null when the problem is not inside one node.</summary>
    public string? Node { get; }

    /// <summary>The field concerned (an attribute, input, initializer or header field), or null.</summary>
    public string? Field { get; }

    /// <summary>What is wrong and what to do, without the location (the message is location + reason).</summary>
    public string Reason { get; }

    public ModelLoadException(string file, string? node, string? field, string message, Exception? inner = null)
        : base(Compose(file, node, field, message), inner)
    {
        File = file;
        Node = node;
        Field = field;
        Reason = message;
    }

    private static string Compose(string file, string? node, string? field, string message)
    {
        string where = file;
        if (node != null) where += $", node '{node}'";
        if (field != null) where += $", {field}";
        return $"{where}: {message}";
    }
}
