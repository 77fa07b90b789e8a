using Vision.Engine.Rendering;
using Vision.Engine.Scenes;

namespace Vision.Tests.Engine;

/// <summary>The lifecycle order, recorded and compared exactly; no GPU involved.</summary>
public sealed class SceneLifecycleTests
{
    private readonly List<string> _log = new();
    private readonly RenderContext _noGpu = new();

    private Recorder Rec(GameObject go, string tag, Action<Recorder>? onUpdate = null)
    {
        var r = new Recorder { Log = _log, Tag = tag, OnUpdateHook = onUpdate };
        go.AddComponent(r);
        return r;
    }

    private string[] Take()
    {
        var copy = _log.ToArray();
        _log.Clear();
        return copy;
    }

    [Test]
    public void SingleComponentFollowsUnityOrderFromAddToDestroy()
    {
        var scene = new Scene();
        var go = new GameObject("A");
        Rec(go, "a");
        Assert.That(_log, Is.Empty, "no callbacks before the object joins a scene");
        scene.Add(go);
        Assert.That(Take(), Is.EqualTo(new[] { "a:Awake", "a:OnEnable" }));

        scene.RunFrame(_noGpu, fixedSteps: 2);
        Assert.That(Take(), Is.EqualTo(new[] { "a:Start", "a:FixedUpdate", "a:FixedUpdate", "a:Update", "a:LateUpdate", "a:OnRender" }));

        scene.RunFrame(_noGpu, fixedSteps: 0);
        Assert.That(Take(), Is.EqualTo(new[] { "a:Update", "a:LateUpdate", "a:OnRender" }));

        scene.Destroy(go);
        Assert.That(Take(), Is.EqualTo(new[] { "a:OnDisable", "a:OnDestroy" }));
        Assert.That(scene.Objects, Is.Empty);
        Assert.That(go.Scene, Is.Null);
    }

    [Test]
    public void AddsDuringAFrameTakeEffectBetweenFrames()
    {
        var scene = new Scene();
        var a = scene.Add(new GameObject("A"));
        GameObject? c = null;
        Rec(a, "a", self =>
        {
            if (self.Time.FrameCount != 1) return;
            Rec(self.GameObject, "b");                        // a component on an object already in the scene
            c = new GameObject("C");
            Rec(c, "c");
            scene.Add(c);                                     // a new object
        });
        Take();

        scene.Time.BeginFrame(0);
        scene.RunFrame(_noGpu, fixedSteps: 0);
        Assert.That(Take(), Is.EqualTo(new[]
        {
            "a:Start", "a:Update",
            "b:Awake", "b:OnEnable",                          // woken at once, but not updated this frame
            "a:LateUpdate", "a:OnRender",
        }));
        Assert.That(scene.Find("C"), Is.Null, "the new object joins between frames");

        scene.Time.BeginFrame(0.02);
        scene.RunFrame(_noGpu, fixedSteps: 1);
        Assert.That(Take(), Is.EqualTo(new[]
        {
            "c:Awake", "c:OnEnable",                          // pending object joins
            "b:Start", "c:Start",                             // then everything pending starts, in the order added
            "a:FixedUpdate", "b:FixedUpdate", "c:FixedUpdate",
            "a:Update", "b:Update", "c:Update",
            "a:LateUpdate", "b:LateUpdate", "c:LateUpdate",
            "a:OnRender", "b:OnRender", "c:OnRender",
        }));
        Assert.That(scene.Find("C"), Is.SameAs(c));
    }

    [Test]
    public void DestroysDuringAFrameTakeEffectAtItsEnd()
    {
        var scene = new Scene();
        var a = scene.Add(new GameObject("A"));
        var b = scene.Add(new GameObject("B"));
        var child = new GameObject("B.child", b);
        scene.Add(child);
        Recorder? rb = null;
        Rec(a, "a", self =>
        {
            if (self.Time.FrameCount != 1) return;
            rb!.Destroy();                                    // a component
            scene.Destroy(b);                                 // an object, with its child
        });
        rb = Rec(b, "b");
        Rec(b, "b2");
        Rec(child, "k");
        scene.RunFrame(_noGpu, 0);
        Take();

        scene.Time.BeginFrame(0);
        scene.RunFrame(_noGpu, fixedSteps: 0);
        Assert.That(Take(), Is.EqualTo(new[]
        {
            "a:Update", "b:Update", "b2:Update", "k:Update",  // the frame finishes as it began
            "a:LateUpdate", "b:LateUpdate", "b2:LateUpdate", "k:LateUpdate",
            "a:OnRender", "b:OnRender", "b2:OnRender", "k:OnRender",
            "b:OnDisable", "b:OnDestroy",                     // components destroyed first, then objects (children after)
            "b2:OnDisable", "b2:OnDestroy",
            "k:OnDisable", "k:OnDestroy",
        }));

        scene.Time.BeginFrame(0.02);
        scene.RunFrame(_noGpu, fixedSteps: 0);
        Assert.That(Take(), Is.EqualTo(new[] { "a:Update", "a:LateUpdate", "a:OnRender" }));
        Assert.That(scene.Objects.Select(o => o.Name), Is.EqualTo(new[] { "A" }));
    }

    [Test]
    public void AnExceptionIsLoggedWithObjectAndComponentAndTheFrameGoesOn()
    {
        var messages = new List<string>();
        var scene = new Scene("s") { Log = messages.Add };
        var a = scene.Add(new GameObject("Thrower"));
        var r = Rec(a, "a");
        r.ThrowIn = Callback.Update;
        Rec(scene.Add(new GameObject("Other")), "o");
        Take();

        scene.RunFrame(_noGpu, 0);
        scene.RunFrame(_noGpu, 0);
        Assert.That(Take(), Is.EqualTo(new[]
        {
            "a:Start", "o:Start", "a:Update", "o:Update", "a:LateUpdate", "o:LateUpdate", "a:OnRender", "o:OnRender",
            "a:Update", "o:Update", "a:LateUpdate", "o:LateUpdate", "a:OnRender", "o:OnRender",
        }));
        Assert.That(scene.ErrorCount, Is.EqualTo(2));
        Assert.That(messages[0], Does.Contain("Recorder.Update").And.Contain("'Thrower'").And.Contain("boom in a"));
    }

    [Test]
    public void EnableAndActiveTogglesCallOnEnableAndOnDisableAtOnce()
    {
        var scene = new Scene();
        var parent = scene.Add(new GameObject("P"));
        var child = scene.Add(new GameObject("C", parent));
        var rp = Rec(parent, "p");
        Rec(child, "c");
        scene.RunFrame(_noGpu, 0);
        Take();

        rp.Enabled = false;
        scene.RunFrame(_noGpu, 0);
        Assert.That(Take(), Is.EqualTo(new[] { "p:OnDisable", "c:Update", "c:LateUpdate", "c:OnRender" }));

        parent.SetActive(false);                              // deactivates the child too; p is already off
        scene.RunFrame(_noGpu, 0);
        Assert.That(Take(), Is.EqualTo(new[] { "c:OnDisable" }));

        parent.SetActive(true);
        rp.Enabled = true;
        Assert.That(Take(), Is.EqualTo(new[] { "c:OnEnable", "p:OnEnable" }));
    }

    [Test]
    public void ADisabledComponentStartsWhenFirstEnabled()
    {
        var scene = new Scene();
        var go = scene.Add(new GameObject("A"));
        var r = new Recorder { Log = _log, Tag = "a", Enabled = false };
        go.AddComponent(r);
        scene.RunFrame(_noGpu, 0);
        Assert.That(Take(), Is.EqualTo(new[] { "a:Awake" }));
        r.Enabled = true;
        scene.RunFrame(_noGpu, 0);
        Assert.That(Take(), Is.EqualTo(new[] { "a:OnEnable", "a:Start", "a:Update", "a:LateUpdate", "a:OnRender" }));
    }

    [Test]
    public void FindAndGetComponent()
    {
        var scene = new Scene();
        var go = scene.CreateObject("Player");
        var cam = go.AddComponent<Camera>();
        Assert.That(scene.Find("Player"), Is.SameAs(go));
        Assert.That(scene.Find("Nobody"), Is.Null);
        Assert.That(go.GetComponent<Camera>(), Is.SameAs(cam));
        Assert.That(go.GetComponent<MeshRenderer>(), Is.Null);
        Assert.That(scene.FindComponent<Camera>(), Is.SameAs(cam));
    }

    [Test]
    public void DestroyAllRunsOnDisableAndOnDestroyForEveryone()
    {
        var scene = new Scene();
        Rec(scene.Add(new GameObject("A")), "a");
        Rec(scene.Add(new GameObject("B")), "b");
        scene.RunFrame(_noGpu, 0);
        Take();
        scene.DestroyAll();
        Assert.That(Take(), Is.EqualTo(new[] { "a:OnDisable", "a:OnDestroy", "b:OnDisable", "b:OnDestroy" }));
        Assert.That(scene.Objects, Is.Empty);
    }
}
