using Silk.NET.OpenGL;
using Vision.Engine.Platform;

namespace Vision.Engine.Graphics;

/// <summary>
/// What every GL wrapper needs: the GL API of one context, its owner thread, a deletion queue for disposals from
/// other threads, and a cache of shared resources (built-in shaders, meshes, the font atlas) that live as long as it.
/// </summary>
public sealed class GraphicsDevice : IDisposable
{
    private readonly Dictionary<string, IDisposable> _shared = new();
    private bool _disposed;

    public IGraphicsContext Context { get; }
    public GL Gl => Context.Gl;
    public DeletionQueue Deletions { get; } = new();

    /// <summary>When false, glGetError is not called after each call (it can stall some drivers); on by default.</summary>
    public bool CheckErrors { get; set; } = true;

    public GraphicsDevice(IGraphicsContext context) => Context = context;

    public bool IsOwnerThread => Environment.CurrentManagedThreadId == Context.OwnerThreadId;

    /// <summary>Throws a <see cref="GlException"/> naming <paramref name="call"/> if GL reports an error.</summary>
    public void Check(string call)
    {
        if (!CheckErrors) return;
        var code = (int)Gl.GetError();
        if (code == 0) return;
        // Drain the rest so the next check reports its own call, not this one's leftovers.
        while (Gl.GetError() != GLEnum.NoError) { }
        throw new GlException(call, code, $"{call} failed with {GlException.ErrorName(code)}");
    }

    /// <summary>Throws when called off the GL thread: a GL call there would go to another (or no) context.</summary>
    public void AssertOwnerThread(string what)
    {
        if (!IsOwnerThread)
            throw new InvalidOperationException(
                $"{what} was called on thread {Environment.CurrentManagedThreadId}, but the GL context is current on thread {Context.OwnerThreadId}.");
    }

    /// <summary>One shared instance per key, created on first use and disposed with the device.</summary>
    public T Shared<T>(string key, Func<GraphicsDevice, T> create) where T : class, IDisposable
    {
        if (_shared.TryGetValue(key, out var existing)) return (T)existing;
        var made = create(this);
        _shared[key] = made;
        return made;
    }

    /// <summary>Deletes objects disposed off the GL thread. Call on the GL thread.</summary>
    public int DrainDeletions() => Deletions.Drain(Gl);

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var r in _shared.Values) r.Dispose();
        _shared.Clear();
        if (IsOwnerThread) DrainDeletions();
    }
}
