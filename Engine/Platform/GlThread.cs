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
    /// <summary>What a caller of <see cref="Invoke(Action)"/> waits on; one per calling thread, reused, so a call allocates nothing.</summary>
    private sealed class Waiter
    {
        public readonly ManualResetEventSlim Done = new();
        public ExceptionDispatchInfo? Error;
    }

    [ThreadStatic] private static Waiter? t_waiter;

    private readonly Queue<(Action Work, Waiter? Waiter)> _queue = new();
    private readonly object _gate = new();  // Monitor.Wait/Pulse need a monitor, not a Lock
    private bool _completed;
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
        while (Take(out var work, out var waiter))
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
                if (waiter != null) waiter.Error = ExceptionDispatchInfo.Capture(e);
                else Console.Error.WriteLine($"[gl-thread] queued work failed: {e.Message}");
            }
            waiter?.Done.Set();
        }
        _device!.Dispose();   // deletes what is still queued
        _context.Dispose();
    }

    /// <summary>The next work item, waiting for one; false once disposed and drained.</summary>
    private bool Take(out Action work, out Waiter? waiter)
    {
        lock (_gate)
        {
            while (_queue.Count == 0)
            {
                if (_completed) { work = null!; waiter = null; return false; }
                Monitor.Wait(_gate);
            }
            (work, waiter) = _queue.Dequeue();
            return true;
        }
    }

    private bool Enqueue(Action work, Waiter? waiter)
    {
        lock (_gate)
        {
            if (_completed) return false;
            _queue.Enqueue((work, waiter));
            Monitor.Pulse(_gate);
            return true;
        }
    }

    public bool IsCurrentThread => Environment.CurrentManagedThreadId == _thread.ManagedThreadId;

    /// <summary>
    /// Runs <paramref name="work"/> on the GL thread and waits for it; its exception is rethrown here. Allocates nothing
    /// beyond what <paramref name="work"/> does (pass a cached delegate to keep a per-frame call allocation-free).
    /// </summary>
    public void Invoke(Action work)
    {
        if (IsCurrentThread) { work(); return; }
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var waiter = t_waiter ??= new Waiter();
        waiter.Done.Reset();
        waiter.Error = null;
        if (!Enqueue(work, waiter)) throw new ObjectDisposedException(nameof(GlThread));
        waiter.Done.Wait();
        var error = waiter.Error;
        waiter.Error = null;
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
        Enqueue(work, null);  // false when completed while shutting down: the context goes with everything in it
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        lock (_gate)
        {
            _completed = true;
            Monitor.PulseAll(_gate);
        }
        if (!IsCurrentThread) _thread.Join();
    }
}
