using Vision.Engine.Rendering;
using Vision.Engine.Scenes;

namespace Vision.Tests.Engine;

/// <summary>Writes "tag:Callback" into a shared log for every lifecycle callback; hooks let a test act mid-frame.</summary>
public sealed class Recorder : Component
{
    public List<string> Log { get; set; } = new();
    public string Tag { get; set; } = "?";
    public Action<Recorder>? OnUpdateHook { get; set; }
    public Callback? ThrowIn { get; set; }

    private void Note(Callback c)
    {
        Log.Add($"{Tag}:{c}");
        if (ThrowIn == c) throw new InvalidOperationException($"boom in {Tag}");
    }

    protected override void Awake() => Note(Callback.Awake);
    protected override void OnEnable() => Note(Callback.OnEnable);
    protected override void Start() => Note(Callback.Start);
    protected override void FixedUpdate() => Note(Callback.FixedUpdate);

    protected override void Update()
    {
        Note(Callback.Update);
        OnUpdateHook?.Invoke(this);
    }

    protected override void LateUpdate() => Note(Callback.LateUpdate);
    protected override void OnRender(RenderContext context) => Note(Callback.OnRender);
    protected override void OnDisable() => Note(Callback.OnDisable);
    protected override void OnDestroy() => Note(Callback.OnDestroy);
}
