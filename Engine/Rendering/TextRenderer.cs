using System.Numerics;
using Silk.NET.OpenGL;
using Vision.Engine.Graphics;
using VertexArray = Vision.Engine.Graphics.VertexArray;

namespace Vision.Engine.Rendering;

/// <summary>
/// HUD text in screen pixels (origin top-left), drawn over the scene with the default <see cref="BitmapFont"/>.
/// Use <see cref="SetText"/> for text that changes every frame: it copies into a reused buffer, so nothing is allocated.
/// </summary>
public sealed class TextRenderer : Scenes.Component
{
    private char[] _chars = new char[64];
    private int _length;
    private float[] _vertices = Array.Empty<float>();
    private GpuBuffer? _buffer;
    private VertexArray? _vao;

    public string Text
    {
        get => new(_chars, 0, _length);
        set => SetText(value);
    }

    /// <summary>Top-left corner of the first line, in pixels from the target's top-left.</summary>
    public Vector2 Position { get; set; } = new(8, 8);

    /// <summary>Screen pixels per atlas texel.</summary>
    public float PixelScale { get; set; } = 2f;

    public Vector4 Color { get; set; } = Vector4.One;

    public void SetText(ReadOnlySpan<char> text)
    {
        if (text.Length > _chars.Length) _chars = new char[Math.Max(text.Length, _chars.Length * 2)];
        text.CopyTo(_chars);
        _length = text.Length;
    }

    protected internal override void OnRender(RenderContext context)
    {
        if (_length == 0) return;
        var device = context.Device;
        var gl = device.Gl;
        var font = BitmapFont.Default(device);
        int quads = Layout(font);
        if (quads == 0) return;
        EnsureBuffer(device, quads);
        _buffer!.Update(new ReadOnlySpan<float>(_vertices, 0, quads * 24));

        var shader = BuiltinShaders.Text(device);
        shader.Use();
        shader.Set("u_screen", new Vector2(context.Width, context.Height));
        shader.Set("u_color", Color);
        shader.Set("u_texture", 0);
        font.Atlas.Bind(0);
        gl.Enable(EnableCap.Blend);
        gl.Disable(EnableCap.DepthTest);
        _vao!.Bind();
        gl.DrawArrays(PrimitiveType.Triangles, 0, (uint)(quads * 6));
        device.Check("glDrawArrays(text)");
        gl.Enable(EnableCap.DepthTest);
        gl.Disable(EnableCap.Blend);
    }

    /// <summary>Writes two triangles per visible glyph into the vertex scratch array; returns the glyph count.</summary>
    private int Layout(BitmapFont font)
    {
        if (_vertices.Length < _length * 24) _vertices = new float[Math.Max(_length, 64) * 24];
        float w = font.CellWidth * PixelScale, h = font.CellHeight * PixelScale;
        // The pen starts at Position; each cell begins Pad texels before the pen and above the line.
        float pad = BitmapFont.Pad * PixelScale;
        float x = Position.X - pad, y = Position.Y - pad;
        int v = 0, quads = 0;
        for (int i = 0; i < _length; i++)
        {
            char c = _chars[i];
            if (c == '\n') { x = Position.X - pad; y += h - 2 * pad; continue; }
            if (c != ' ')
            {
                var (u0, v0, u1, v1) = font.Glyph(c);
                // Pixel y grows downward, so the glyph's top edge (v1) is at y.
                Put(x, y + h, u0, v0); Put(x + w, y + h, u1, v0); Put(x + w, y, u1, v1);
                Put(x, y + h, u0, v0); Put(x + w, y, u1, v1); Put(x, y, u0, v1);
                quads++;
            }
            x += font.Advance(c) * PixelScale;
        }
        return quads;

        void Put(float px, float py, float u, float t)
        {
            _vertices[v++] = px; _vertices[v++] = py; _vertices[v++] = u; _vertices[v++] = t;
        }
    }

    private void EnsureBuffer(GraphicsDevice device, int quads)
    {
        var needed = (nuint)(quads * 24 * sizeof(float));
        if (_buffer != null && _buffer.SizeInBytes >= needed) return;
        _vao?.Dispose();
        _buffer?.Dispose();
        _buffer = GpuBuffer.Create(device, BufferTargetARB.ArrayBuffer, (nuint)(_vertices.Length * sizeof(float)));
        _vao = VertexArray.Create(device);
        _vao.SetAttribute(0, _buffer, 2, 4, 0);
        _vao.SetAttribute(1, _buffer, 2, 4, 2);
    }

    protected internal override void OnDestroy()
    {
        _vao?.Dispose();
        _buffer?.Dispose();
        _vao = null;
        _buffer = null;
    }
}
