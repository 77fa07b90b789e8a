namespace Vision.Engine.Scenes;

/// <summary>The lifecycle callbacks, as named in error messages.</summary>
public enum Callback
{
    Awake,
    OnEnable,
    Start,
    FixedUpdate,
    Update,
    LateUpdate,
    OnRender,
    OnDisable,
    OnDestroy,
}
