using System.Reflection;
using System.Runtime.Loader;

namespace Vision.Engine.Scenes;

/// <summary>
/// Finds component types by name across loaded assemblies, so a scene file can name components from any project
/// (Plugin.Vision's included). Assemblies named Vision.*.dll beside the app are loaded first, because .NET loads a
/// referenced assembly only when code first touches it and a scene file may be the first to need it.
/// </summary>
public static class ComponentTypes
{
    private static readonly object Gate = new();
    private static Dictionary<string, List<Type>>? _byName;

    /// <summary>The component type called <paramref name="name"/> (simple or full name), or null with the reason.</summary>
    public static Type? Resolve(string name, out string? problem)
    {
        problem = null;
        var map = Map();
        if (!map.TryGetValue(name, out var found))
        {
            // The application may have loaded a new assembly since the map was built.
            lock (Gate) _byName = null;
            map = Map();
        }
        if (!map.TryGetValue(name, out found))
        {
            problem = $"unknown component type '{name}' (no public non-abstract Component subclass of that name in the loaded assemblies)";
            return null;
        }
        if (found.Count > 1)
        {
            problem = $"component type '{name}' is ambiguous: {string.Join(", ", found.Select(t => t.FullName))}; use the full name";
            return null;
        }
        return found[0];
    }

    private static Dictionary<string, List<Type>> Map()
    {
        lock (Gate)
        {
            if (_byName != null) return _byName;
            LoadSiblingAssemblies();
            var map = new Dictionary<string, List<Type>>(StringComparer.Ordinal);
            foreach (var asm in AppDomain.CurrentDomain.GetAssemblies())
            {
                if (asm.IsDynamic) continue;
                Type[] types;
                try { types = asm.GetExportedTypes(); }
                catch (Exception) { continue; }   // an assembly whose dependencies are missing cannot hold our components
                foreach (var t in types)
                {
                    if (t.IsAbstract || !typeof(Component).IsAssignableFrom(t) || t.GetConstructor(Type.EmptyTypes) == null) continue;
                    Add(map, t.Name, t);
                    if (t.FullName != null) Add(map, t.FullName, t);
                }
            }
            return _byName = map;
        }

        static void Add(Dictionary<string, List<Type>> map, string key, Type t)
        {
            if (!map.TryGetValue(key, out var list)) map[key] = list = new List<Type>();
            if (!list.Contains(t)) list.Add(t);
        }
    }

    private static void LoadSiblingAssemblies()
    {
        var loaded = AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name).ToHashSet();
        foreach (var path in Directory.EnumerateFiles(AppContext.BaseDirectory, "Vision.*.dll"))
        {
            string name = Path.GetFileNameWithoutExtension(path);
            if (loaded.Contains(name)) continue;
            try { AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName(name)); }
            catch (Exception) { /* not loadable here (e.g. a test assembly of another framework): skip it */ }
        }
    }
}
