namespace Vision.Engine.Graphics;

/// <summary>Which glDelete* a queued deletion needs.</summary>
public enum GlObjectKind
{
    Texture,
    Buffer,
    Program,
    Framebuffer,
    Renderbuffer,
    VertexArray,
}
