using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Vision.Engine.Graphics;

namespace Vision.Engine.Platform;

/// <summary>
/// A dedicated thread that owns a headless <see cref="EglContext"/> and runs work on it. A GL context belongs to one
/// thread, while callers (test runners, thread pools) hop between threads; marshalling every GL call here keeps the
/// context valid whichever thread asks. Calls made from the GL thread itself run inline.
/// Its <see cref="Device"/> is for the engine's GL wrappers: wrappers disposed on other threads queue their handles,
/// and the GL thread deletes them before the next work item it runs.
/// </summary>
public sealed class GlThread : IDisposable
{
    private readonly BlockingCollection<(Action Work, ManualResetEventSlim? Done)> _queue = new();
    private readonly Thread _thread;
    private EglContext? _context;
    private GraphicsDevice? _device;
    private ExceptionDispatchInfo? _startError;
    private int _disposed;

    public IGraphicsContext Context => _context ?? throw new ObjectDisposedException(nameof(GlThread));

    /// <summary>A <see cref="GraphicsDevice"/> over <see cref="Context"/>; create wrappers with it inside <see cref="Invoke(Action)"/>.</summary>
    public GraphicsDevice Device => _device ?? throw new ObjectDisposedException(nameof(GlThread));

    public GlThread(string name = "vision-gl")
    {
        using var started = new ManualResetEventSlim();
        _thread = new Thread(() => Loop(started)) { IsBackground = true, Name = name };
        _thread.Start();
        started.Wait();
        _startError?.Throw();
    }

    private void Loop(ManualResetEventSlim started)
    {
        try
        {
            _context = new EglContext();
            _device = new GraphicsDevice(_context);
        }
        catch (Exception e)
        {
            _startError = ExceptionDispatchInfo.Capture(e);
            started.Set();
            return;
        }
        started.Set();
        foreach (var (work, done) in _queue.GetConsumingEnumerable())
        {
            // Handles disposed elsewhere are deleted before the next GL work, so that work never sees them alive.
            try
            {
                if (_device!.Deletions.Count > 0) _device.DrainDeletions();
            }
            catch (Exception e)
            {
                Console.Error.WriteLine($"[gl-thread] queued deletes failed: {e.Message}");
            }
            try
            {
                work();
            }
            catch (Exception e)
            {
                // Fire-and-forget work (queued deletes) has nobody to report to; it must not end the GL thread.
                Console.Error.WriteLine($"[gl-thread] queued work failed: {e.Message}");
            }
            done?.Set();
        }
        _device!.Dispose();   // deletes what is still queued
        _context.Dispose();
    }

    public bool IsCurrentThread => Environment.CurrentManagedThreadId == _thread.ManagedThreadId;

    /// <summary>Runs <paramref name="work"/> on the GL thread and waits for it; its exception is rethrown here.</summary>
    public void Invoke(Action work)
    {
        if (IsCurrentThread) { work(); return; }
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        using var done = new ManualResetEventSlim();
        ExceptionDispatchInfo? error = null;
        _queue.Add((() =>
        {
            try { work(); }
            catch (Exception e) { error = ExceptionDispatchInfo.Capture(e); }
        }, done));
        done.Wait();
        error?.Throw();
    }

    public T Invoke<T>(Func<T> work)
    {
        T result = default!;
        Invoke(() => { result = work(); });
        return result;
    }

    /// <summary>Queues work without waiting (used to delete GL objects from finalizers or other threads).</summary>
    public void Post(Action work)
    {
        if (_disposed != 0) return;
        try { _queue.Add((work, null)); }
        catch (InvalidOperationException) { /* completed while shutting down: the context goes with everything in it */ }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _queue.CompleteAdding();
        if (!IsCurrentThread) _thread.Join();
        _queue.Dispose();
    }
}
