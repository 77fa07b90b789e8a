using Vision.Engine.Core;
using Vision.Engine.Rendering;

namespace Vision.Engine.Scenes;

/// <summary>
/// The objects of a running world and their lifecycle. A frame is BeginFrame (pending objects join, pending components
/// Start), FixedUpdate (zero or more times), Update, LateUpdate, Render, EndFrame (pending destroys run). Adding or
/// destroying during a frame takes effect between frames, so the lists never change while they are iterated; a component
/// added during a frame is awoken and enabled at once but first updated next frame, and a destroyed one still finishes
/// the frame it was destroyed in. An exception from a callback is logged with object and component and the loop goes on.
/// </summary>
public sealed class Scene
{
    private readonly List<GameObject> _objects = new();
    private readonly List<Component> _running = new();
    private List<Component> _pendingStart = new();
    private List<Component> _starting = new();
    private readonly List<GameObject> _pendingObjects = new();
    private readonly List<GameObject> _destroyObjects = new();
    private readonly List<Component> _destroyComponents = new();

    public string Name { get; set; }
    public Time Time { get; } = new();
    public Input Input { get; } = new();

    /// <summary>Where callback exceptions go; stderr by default.</summary>
    public Action<string> Log { get; set; } = message => Console.Error.WriteLine(message);

    /// <summary>Callback exceptions caught so far.</summary>
    public int ErrorCount { get; private set; }

    /// <summary>True between BeginFrame and EndFrame: adds and destroys are deferred.</summary>
    public bool InFrame { get; private set; }

    public IReadOnlyList<GameObject> Objects => _objects;

    public Scene(string name = "Scene") => Name = name;

    /// <summary>Adds an object and its children. Outside a frame it joins at once; during a frame, before the next one.</summary>
    public GameObject Add(GameObject go)
    {
        if (go.Scene != null && go.Scene != this) throw new InvalidOperationException($"'{go.Name}' already belongs to scene '{go.Scene.Name}'");
        if (go.Scene == this || _pendingObjects.Contains(go)) return go;
        if (InFrame) _pendingObjects.Add(go);
        else Join(go);
        return go;
    }

    /// <summary>Creates, adds and returns an empty object.</summary>
    public GameObject CreateObject(string name, GameObject? parent = null) => Add(new GameObject(name, parent));

    public GameObject? Find(string name)
    {
        foreach (var go in _objects)
            if (go.Name == name && !go.DestroyQueued) return go;
        return null;
    }

    /// <summary>The first live component of type T in the scene, in the order objects joined.</summary>
    public T? FindComponent<T>() where T : class
    {
        foreach (var go in _objects)
            if (go.GetComponent<T>() is { } found) return found;
        return null;
    }

    public void Destroy(GameObject go)
    {
        if (go.Scene != this || go.DestroyQueued) return;
        if (InFrame)
        {
            go.DestroyQueued = true;
            _destroyObjects.Add(go);
        }
        else
        {
            DestroyNow(go);
        }
    }

    public void Destroy(Component c)
    {
        if (c.Scene != this || c.DestroyQueued || c.Destroyed) return;
        if (InFrame)
        {
            c.DestroyQueued = true;
            _destroyComponents.Add(c);
        }
        else
        {
            DestroyNow(c);
        }
    }

    /// <summary>Destroys every object (OnDisable, OnDestroy), as at shutdown.</summary>
    public void DestroyAll()
    {
        InFrame = false;
        _pendingObjects.Clear();
        // Each DestroyNow removes the object and its children, so the list shrinks to empty.
        while (_objects.Count > 0) DestroyNow(_objects[0]);
    }

    /// <summary>Runs one whole frame without a clock or a GPU (tests, tools): Begin, fixed steps, Update, LateUpdate, Render, End.</summary>
    public void RunFrame(RenderContext? render = null, int fixedSteps = 1)
    {
        BeginFrame();
        for (int i = 0; i < fixedSteps; i++) FixedUpdate();
        Update();
        LateUpdate();
        if (render != null) Render(render);
        EndFrame();
    }

    public void BeginFrame()
    {
        // Objects added during the last frame join now: their components wake and enable.
        for (int i = 0; i < _pendingObjects.Count; i++) Join(_pendingObjects[i]);
        _pendingObjects.Clear();
        InFrame = true;
        // Start may add components; those wait in a fresh list until the next frame.
        (_starting, _pendingStart) = (_pendingStart, _starting);
        for (int i = 0; i < _starting.Count; i++)
        {
            var c = _starting[i];
            if (c.Destroyed) continue;
            if (!c.IsActiveAndEnabled)
            {
                _pendingStart.Add(c);   // Unity starts a disabled component when it is first enabled
                continue;
            }
            c.Started = true;
            Invoke(c, Callback.Start);
            _running.Add(c);
        }
        _starting.Clear();
    }

    public void FixedUpdate() => Broadcast(Callback.FixedUpdate);
    public void Update() => Broadcast(Callback.Update);
    public void LateUpdate() => Broadcast(Callback.LateUpdate);

    public void Render(RenderContext context)
    {
        for (int i = 0; i < _running.Count; i++)
        {
            var c = _running[i];
            if (!c.IsActiveAndEnabled) continue;
            try
            {
                c.OnRender(context);
            }
            catch (Exception e)
            {
                Report(c, Callback.OnRender, e);
            }
        }
    }

    public void EndFrame()
    {
        InFrame = false;
        for (int i = 0; i < _destroyComponents.Count; i++) DestroyNow(_destroyComponents[i]);
        _destroyComponents.Clear();
        for (int i = 0; i < _destroyObjects.Count; i++) DestroyNow(_destroyObjects[i]);
        _destroyObjects.Clear();
    }

    private void Broadcast(Callback callback)
    {
        for (int i = 0; i < _running.Count; i++)
        {
            var c = _running[i];
            if (c.IsActiveAndEnabled) Invoke(c, callback);
        }
    }

    private void Join(GameObject go)
    {
        go.Scene = this;
        _objects.Add(go);
        // Iterate a copy: Awake may add components, which wake through AddComponent itself.
        foreach (var c in go.Components.ToArray())
            if (!c.Awoken) Activate(c);
        foreach (var child in go.Transform.Children.ToArray())
            if (child.GameObject.Scene == null) Join(child.GameObject);
    }

    /// <summary>Awake, then OnEnable when enabled and active, then wait for Start.</summary>
    internal void Activate(Component c)
    {
        c.Awoken = true;
        Invoke(c, Callback.Awake);
        if (c.Destroyed) return;
        if (c.IsActiveAndEnabled) Invoke(c, Callback.OnEnable);
        _pendingStart.Add(c);
    }

    private void DestroyNow(Component c)
    {
        if (c.Destroyed) return;
        if (c.IsActiveAndEnabled) Invoke(c, Callback.OnDisable);
        Invoke(c, Callback.OnDestroy);
        c.Destroyed = true;
        _running.Remove(c);
        _pendingStart.Remove(c);
        c.GameObject.RemoveDetached(c);
    }

    private void DestroyNow(GameObject go)
    {
        if (go.Scene != this) return;
        foreach (var c in go.Components.ToArray()) DestroyNow(c);
        foreach (var child in go.Transform.Children.ToArray()) DestroyNow(child.GameObject);
        go.Transform.SetParent(null);
        _objects.Remove(go);
        go.Scene = null;
    }

    /// <summary>Calls one callback, logging (not propagating) its exception.</summary>
    internal void Invoke(Component c, Callback callback)
    {
        try
        {
            switch (callback)
            {
                case Callback.Awake: c.Awake(); break;
                case Callback.OnEnable: c.OnEnable(); break;
                case Callback.Start: c.Start(); break;
                case Callback.FixedUpdate: c.FixedUpdate(); break;
                case Callback.Update: c.Update(); break;
                case Callback.LateUpdate: c.LateUpdate(); break;
                case Callback.OnDisable: c.OnDisable(); break;
                case Callback.OnDestroy: c.OnDestroy(); break;
            }
        }
        catch (Exception e)
        {
            Report(c, callback, e);
        }
    }

    private void Report(Component c, Callback callback, Exception e)
    {
        ErrorCount++;
        Log($"[scene '{Name}'] {c.GetType().Name}.{callback} on object '{c.GameObject.Name}' threw {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
    }
}
