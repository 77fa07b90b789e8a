namespace Vision.Engine.Graphics;

/// <summary>
/// Base of the sealed GL wrappers: owns exactly one GL handle. Dispose is idempotent and safe from any thread:
/// on the GL thread it deletes at once, elsewhere it queues the handle on the device's <see cref="DeletionQueue"/>.
/// </summary>
public abstract class GlResource : IDisposable
{
    private int _disposed;

    public GraphicsDevice Device { get; }
    public uint Handle { get; }
    public bool IsDisposed => _disposed != 0;
    private protected abstract GlObjectKind Kind { get; }

    private protected GlResource(GraphicsDevice device, uint handle)
    {
        Device = device;
        Handle = handle;
    }

    private protected void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed != 0, this);

    /// <summary>Disposes wrappers this one owns (a framebuffer's attachments).</summary>
    protected virtual void DisposeOwned() { }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        DisposeOwned();
        if (Device.IsOwnerThread) DeletionQueue.Delete(Device.Gl, Kind, Handle);
        else Device.Deletions.Enqueue(Kind, Handle);
        GC.SuppressFinalize(this);
    }
}
