using Vision.Engine.Core;
using Vision.Engine.Rendering;

namespace Vision.Engine.Scenes;

/// <summary>
/// Behaviour attached to a <see cref="GameObject"/>. Override the callbacks you need; the scene calls them in Unity's
/// order: Awake (when added), OnEnable, Start (before the first Update), FixedUpdate, Update, LateUpdate, OnRender,
/// OnDisable, OnDestroy. Components need a public parameterless constructor (scene files create them by reflection).
/// </summary>
public abstract class Component
{
    private bool _enabled = true;
    private GameObject? _gameObject;

    public GameObject GameObject => _gameObject ?? throw new InvalidOperationException($"{GetType().Name} is not attached to a GameObject");
    public Transform Transform => GameObject.Transform;
    public Scene? Scene => _gameObject?.Scene;

    /// <summary>The scene's clock; only valid while in a scene.</summary>
    public Time Time => Scene?.Time ?? throw new InvalidOperationException($"{GetType().Name} on '{_gameObject?.Name}' is not in a scene");
    public Input Input => Scene?.Input ?? throw new InvalidOperationException($"{GetType().Name} on '{_gameObject?.Name}' is not in a scene");

    internal bool Awoken { get; set; }
    internal bool Started { get; set; }
    internal bool Destroyed { get; set; }
    internal bool DestroyQueued { get; set; }

    /// <summary>Live: awake in a scene and not destroyed. Only live components get callbacks.</summary>
    internal bool IsLive => Awoken && !Destroyed && Scene != null;

    public bool IsActiveAndEnabled => _enabled && IsLive && GameObject.ActiveInHierarchy;

    /// <summary>Turning a live component off or on calls OnDisable or OnEnable at once.</summary>
    public bool Enabled
    {
        get => _enabled;
        set
        {
            if (_enabled == value) return;
            bool wasActive = IsActiveAndEnabled;
            _enabled = value;
            bool isActive = IsActiveAndEnabled;
            if (wasActive != isActive) Scene!.Invoke(this, isActive ? Callback.OnEnable : Callback.OnDisable);
        }
    }

    internal void Attach(GameObject owner) => _gameObject = owner;

    /// <summary>Removes this component between frames (at once outside a frame).</summary>
    public void Destroy()
    {
        if (Scene is { } scene) scene.Destroy(this);
        else GameObject.RemoveDetached(this);
    }

    public T? GetComponent<T>() where T : class => GameObject.GetComponent<T>();

    protected internal virtual void Awake() { }
    protected internal virtual void OnEnable() { }
    protected internal virtual void Start() { }
    protected internal virtual void FixedUpdate() { }
    protected internal virtual void Update() { }
    protected internal virtual void LateUpdate() { }
    protected internal virtual void OnRender(RenderContext context) { }
    protected internal virtual void OnDisable() { }
    protected internal virtual void OnDestroy() { }

    public override string ToString() => $"{GetType().Name} on '{_gameObject?.Name}'";
}
