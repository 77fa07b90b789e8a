using System.Collections.Concurrent;
using Silk.NET.OpenGL;

namespace Vision.Engine.Graphics;

/// <summary>
/// GL objects disposed off the GL thread (finalizer, thread pool, test runner) cannot be deleted there: their
/// handles wait here and the GL thread deletes them when it drains the queue (the Application does so every frame).
/// </summary>
public sealed class DeletionQueue
{
    private readonly ConcurrentQueue<(GlObjectKind Kind, uint Handle)> _pending = new();

    public int Count => _pending.Count;

    public void Enqueue(GlObjectKind kind, uint handle) => _pending.Enqueue((kind, handle));

    /// <summary>Deletes everything queued. Call on the thread that owns <paramref name="gl"/>'s context.</summary>
    public int Drain(GL gl)
    {
        int n = 0;
        while (_pending.TryDequeue(out var item))
        {
            Delete(gl, item.Kind, item.Handle);
            n++;
        }
        return n;
    }

    internal static void Delete(GL gl, GlObjectKind kind, uint handle)
    {
        switch (kind)
        {
            case GlObjectKind.Texture: gl.DeleteTexture(handle); break;
            case GlObjectKind.Buffer: gl.DeleteBuffer(handle); break;
            case GlObjectKind.Program: gl.DeleteProgram(handle); break;
            case GlObjectKind.Framebuffer: gl.DeleteFramebuffer(handle); break;
            case GlObjectKind.Renderbuffer: gl.DeleteRenderbuffer(handle); break;
            case GlObjectKind.VertexArray: gl.DeleteVertexArray(handle); break;
        }
    }
}
