using Silk.NET.OpenGL;

namespace Vision.Engine.Graphics;

/// <summary>
/// An offscreen render target: a framebuffer object with an RGBA8 color texture and a 24-bit depth renderbuffer,
/// which it owns and disposes with itself. Headless rendering draws here instead of into a window.
/// </summary>
public sealed class Framebuffer : GlResource
{
    public Texture2D Color { get; }
    public Renderbuffer Depth { get; }
    public int Width => Color.Width;
    public int Height => Color.Height;
    private protected override GlObjectKind Kind => GlObjectKind.Framebuffer;

    private Framebuffer(GraphicsDevice device, uint handle, Texture2D color, Renderbuffer depth) : base(device, handle)
    {
        Color = color;
        Depth = depth;
    }

    public static Framebuffer Create(GraphicsDevice device, int width, int height)
    {
        device.AssertOwnerThread("Framebuffer.Create");
        var gl = device.Gl;
        var color = Texture2D.Create(device, width, height);
        var depth = Renderbuffer.Create(device, InternalFormat.DepthComponent24, width, height);
        var fb = new Framebuffer(device, gl.GenFramebuffer(), color, depth);
        try
        {
            gl.BindFramebuffer(FramebufferTarget.Framebuffer, fb.Handle);
            gl.FramebufferTexture2D(FramebufferTarget.Framebuffer, FramebufferAttachment.ColorAttachment0, TextureTarget.Texture2D, color.Handle, 0);
            gl.FramebufferRenderbuffer(FramebufferTarget.Framebuffer, FramebufferAttachment.DepthAttachment, RenderbufferTarget.Renderbuffer, depth.Handle);
            device.Check("glFramebufferTexture2D");
            var status = gl.CheckFramebufferStatus(FramebufferTarget.Framebuffer);
            if (status != GLEnum.FramebufferComplete)
                throw new GlException("glCheckFramebufferStatus", 0, $"framebuffer {width}x{height} is incomplete: {status}");
            gl.BindFramebuffer(FramebufferTarget.Framebuffer, 0);
            return fb;
        }
        catch
        {
            fb.Dispose();
            throw;
        }
    }

    public void Bind()
    {
        ThrowIfDisposed();
        Device.Gl.BindFramebuffer(FramebufferTarget.Framebuffer, Handle);
        Device.Gl.Viewport(0, 0, (uint)Width, (uint)Height);
    }

    protected override void DisposeOwned()
    {
        Color.Dispose();
        Depth.Dispose();
    }
}
