namespace Vision.Models;

/// <summary>One dimension of a declared shape: a fixed size, or a symbolic name (batch, height) bound at run time.</summary>
public readonly record struct Dim
{
    /// <summary>The fixed size; null when the dimension is symbolic or unknown.</summary>
    public int? Value { get; }

    /// <summary>The symbolic name; null when the dimension is fixed. Empty when the file leaves the size unknown.</summary>
    public string? Param { get; }

    private Dim(int? value, string? param)
    {
        Value = value;
        Param = param;
    }

    public static Dim Fixed(int value) =>
        value >= 0 ? new Dim(value, null) : throw new ArgumentOutOfRangeException(nameof(value), value, "A dimension cannot be negative.");

    public static Dim Symbolic(string name) => new(null, name);

    public bool IsFixed => Value.HasValue;

    public override string ToString() => Value?.ToString() ?? (string.IsNullOrEmpty(Param) ? "?" : Param);
}
