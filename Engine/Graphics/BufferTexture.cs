using Silk.NET.OpenGL;

namespace Vision.Engine.Graphics;

/// <summary>
/// A buffer texture: a texel view (R32F, RGBA32F...) of an existing buffer object, read in shaders with
/// <c>texelFetch(samplerBuffer, i)</c>. It shares the buffer's storage (no copy) and does not own the buffer.
/// Why: on llvmpipe a texel fetch is one gather, while a storage-buffer load is a loop over the SIMD lanes.
/// </summary>
public sealed class BufferTexture : GlResource
{
    /// <summary>The buffer object viewed.</summary>
    public uint Buffer { get; private set; }

    public SizedInternalFormat Format { get; }

    private protected override GlObjectKind Kind => GlObjectKind.Texture;

    private BufferTexture(GraphicsDevice device, uint handle, uint buffer, SizedInternalFormat format) : base(device, handle) =>
        (Buffer, Format) = (buffer, format);

    public static BufferTexture Create(GraphicsDevice device, uint buffer, SizedInternalFormat format = SizedInternalFormat.R32f)
    {
        device.AssertOwnerThread("BufferTexture.Create");
        var gl = device.Gl;
        uint handle = gl.GenTexture();
        var texture = new BufferTexture(device, handle, buffer, format);
        try
        {
            gl.BindTexture(TextureTarget.TextureBuffer, handle);
            gl.TexBuffer(TextureTarget.TextureBuffer, format, buffer);
            gl.BindTexture(TextureTarget.TextureBuffer, 0);
            device.Check($"glTexBuffer({format}, buffer {buffer})");
            return texture;
        }
        catch
        {
            texture.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Points the view at <paramref name="buffer"/> (the same one again re-reads its current storage: a deleted buffer
    /// whose name was reused would otherwise stay attached). One GL call, no allocation.
    /// </summary>
    public void Retarget(uint buffer)
    {
        ThrowIfDisposed();
        var gl = Device.Gl;
        gl.BindTexture(TextureTarget.TextureBuffer, Handle);
        gl.TexBuffer(TextureTarget.TextureBuffer, Format, buffer);
        gl.BindTexture(TextureTarget.TextureBuffer, 0);
        Buffer = buffer;
    }

    /// <summary>Binds the view to texture unit <paramref name="unit"/> (a <c>layout(binding = unit) uniform samplerBuffer</c>).</summary>
    public void Bind(int unit)
    {
        ThrowIfDisposed();
        var gl = Device.Gl;
        gl.ActiveTexture(TextureUnit.Texture0 + unit);
        gl.BindTexture(TextureTarget.TextureBuffer, Handle);
        gl.ActiveTexture(TextureUnit.Texture0);
    }
}
