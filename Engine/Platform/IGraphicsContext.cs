using Silk.NET.OpenGL;

namespace Vision.Engine.Platform;

/// <summary>
/// An OpenGL 4.3+ core context: a window's (GLFW) or a headless one (EGL surfaceless).
/// A GL context belongs to one thread; <see cref="OwnerThreadId"/> is that thread, and GL calls are made only there.
/// </summary>
public interface IGraphicsContext : IDisposable
{
    GL Gl { get; }

    /// <summary>The managed thread id on which the context is current.</summary>
    int OwnerThreadId { get; }

    /// <summary>True for an EGL surfaceless context rendering into framebuffer objects only.</summary>
    bool IsHeadless { get; }

    /// <summary>"OpenGL 4.5 (Core Profile) Mesa 22.3.6, llvmpipe ..." as the driver reports it.</summary>
    string Description { get; }
}
