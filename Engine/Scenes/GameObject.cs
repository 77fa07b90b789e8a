namespace Vision.Engine.Scenes;

/// <summary>A named thing in a scene: a <see cref="Transform"/> and a list of components.</summary>
public sealed class GameObject
{
    private readonly List<Component> _components = new();
    private bool _activeSelf = true;

    public string Name { get; set; }
    public Transform Transform { get; }
    public Scene? Scene { get; internal set; }
    public IReadOnlyList<Component> Components => _components;
    internal bool DestroyQueued { get; set; }

    public GameObject(string name = "GameObject", GameObject? parent = null)
    {
        Name = name;
        Transform = new Transform(this);
        if (parent != null) Transform.SetParent(parent.Transform);
    }

    public bool ActiveSelf => _activeSelf;
    public bool ActiveInHierarchy => _activeSelf && (Transform.Parent?.GameObject.ActiveInHierarchy ?? true);

    /// <summary>Activates or deactivates this object and, through it, its children; OnEnable/OnDisable follow at once.</summary>
    public void SetActive(bool active)
    {
        if (_activeSelf == active) return;
        var affected = new List<(Component C, bool Was)>();
        Collect(this, affected);
        _activeSelf = active;
        foreach (var (c, was) in affected)
        {
            bool now = c.IsActiveAndEnabled;
            if (was != now) Scene?.Invoke(c, now ? Callback.OnEnable : Callback.OnDisable);
        }

        static void Collect(GameObject go, List<(Component, bool)> into)
        {
            foreach (var c in go._components) into.Add((c, c.IsActiveAndEnabled));
            foreach (var child in go.Transform.Children) Collect(child.GameObject, into);
        }
    }

    /// <summary>Adds a component. In a scene it is awoken and enabled at once and started before its first Update.</summary>
    public T AddComponent<T>() where T : Component, new() => (T)AddComponent(new T());

    /// <summary>Adds a component of <paramref name="type"/> (which needs a public parameterless constructor).</summary>
    public Component AddComponent(Type type)
    {
        if (!typeof(Component).IsAssignableFrom(type) || type.IsAbstract)
            throw new ArgumentException($"{type.FullName} is not a concrete Component", nameof(type));
        return AddComponent((Component)Activator.CreateInstance(type)!);
    }

    /// <summary>Adds an already constructed component (useful when it takes constructor arguments).</summary>
    public Component AddComponent(Component component)
    {
        if (component.Scene != null || _components.Contains(component))
            throw new InvalidOperationException($"{component.GetType().Name} is already attached");
        component.Attach(this);
        _components.Add(component);
        Scene?.Activate(component);
        return component;
    }

    public T? GetComponent<T>() where T : class
    {
        foreach (var c in _components)
            if (c is T t && !c.Destroyed) return t;
        return null;
    }

    public IEnumerable<T> GetComponents<T>() where T : class
    {
        foreach (var c in _components)
            if (c is T t && !c.Destroyed) yield return t;
    }

    /// <summary>Removes this object and its children between frames (at once outside a frame).</summary>
    public void Destroy()
    {
        if (Scene is { } scene) scene.Destroy(this);
    }

    internal void RemoveDetached(Component c) => _components.Remove(c);

    public override string ToString() => Name;
}
