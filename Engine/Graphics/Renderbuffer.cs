using Silk.NET.OpenGL;

namespace Vision.Engine.Graphics;

/// <summary>A renderbuffer (the depth buffer of an offscreen <see cref="Framebuffer"/>).</summary>
public sealed class Renderbuffer : GlResource
{
    private protected override GlObjectKind Kind => GlObjectKind.Renderbuffer;

    private Renderbuffer(GraphicsDevice device, uint handle) : base(device, handle) { }

    public static Renderbuffer Create(GraphicsDevice device, InternalFormat format, int width, int height)
    {
        device.AssertOwnerThread("Renderbuffer.Create");
        var gl = device.Gl;
        var rb = new Renderbuffer(device, gl.GenRenderbuffer());
        gl.BindRenderbuffer(RenderbufferTarget.Renderbuffer, rb.Handle);
        gl.RenderbufferStorage(RenderbufferTarget.Renderbuffer, format, (uint)width, (uint)height);
        device.Check("glRenderbufferStorage");
        return rb;
    }
}
