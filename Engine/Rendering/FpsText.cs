using Vision.Engine.Scenes;

namespace Vision.Engine.Rendering;

/// <summary>Keeps a <see cref="TextRenderer"/> on the same object showing "FPS 59.8  12.3 ms  frame 120", without allocating.</summary>
public sealed class FpsText : Component
{
    private readonly char[] _buffer = new char[96];
    private TextRenderer? _text;

    /// <summary>Text put before the figures (e.g. the scene's name).</summary>
    public string Prefix { get; set; } = "";

    protected internal override void Awake() => _text = GetComponent<TextRenderer>() ?? GameObject.AddComponent<TextRenderer>();

    protected internal override void LateUpdate()
    {
        var t = Time;
        Span<char> s = _buffer;
        int n = 0;
        Prefix.AsSpan().CopyTo(s);
        n += Prefix.Length;
        Append(s, ref n, "FPS ");
        t.Fps.TryFormat(s[n..], out int w, "F1"); n += w;
        Append(s, ref n, "  ");
        (t.DeltaTime * 1000f).TryFormat(s[n..], out w, "F1"); n += w;
        Append(s, ref n, " ms  frame ");
        t.FrameCount.TryFormat(s[n..], out w); n += w;
        _text!.SetText(s[..n]);
    }

    private static void Append(Span<char> s, ref int n, string text)
    {
        text.AsSpan().CopyTo(s[n..]);
        n += text.Length;
    }
}
