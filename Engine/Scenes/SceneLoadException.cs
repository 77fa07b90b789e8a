namespace Vision.Engine.Scenes;

/// <summary>A scene file could not be loaded; the message starts with "file:line:" and says what was expected.</summary>
public sealed class SceneLoadException(string file, int line, string problem, Exception? inner = null)
    : Exception($"{file}:{line}: {problem}", inner)
{
    public string File { get; } = file;

    /// <summary>1-based line of the offending token.</summary>
    public int Line { get; } = line;
}
