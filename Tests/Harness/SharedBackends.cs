using Vision.Backends;

namespace Vision.Tests.Harness;

/// <summary>
/// One backend of each kind for the whole test run: contexts and compiled kernels are reused across fixtures.
/// A backend that cannot start here is remembered with its reason, and every test that needs it is skipped with it.
/// </summary>
public static class SharedBackends
{
    private static readonly Dictionary<Backend, (IComputeBackend? Backend, string? Reason)> Cache = new();
    private static readonly Lock Gate = new();

    public static IComputeBackend Get(Backend kind)
    {
        lock (Gate)
        {
            if (!Cache.TryGetValue(kind, out var entry))
            {
                try
                {
                    entry = (BackendFactory.Create(kind, _ => { }), null);
                }
                catch (BackendUnavailableException e)
                {
                    entry = (null, e.Message);
                }
                Cache[kind] = entry;
            }
            if (entry.Backend == null) Assert.Ignore($"skipped: {entry.Reason}");
            return entry.Backend!;
        }
    }

    public static void DisposeAll()
    {
        lock (Gate)
        {
            foreach (var (backend, _) in Cache.Values) backend?.Dispose();
            Cache.Clear();
        }
    }
}
