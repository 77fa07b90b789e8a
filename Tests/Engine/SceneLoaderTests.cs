using System.Numerics;
using Vision.Engine.Rendering;
using Vision.Engine.Scenes;

namespace Vision.Tests.Engine;

/// <summary>Scene files: components found by name (this assembly's too), members set, errors naming the line.</summary>
public sealed class SceneLoaderTests
{
    private const string Good = """
        {
          "name": "loaded",
          // comments are allowed
          "objects": [
            { "name": "Cam", "position": [0, 2, 6], "lookAt": [0, 0, 0],
              "components": [ { "type": "Camera", "projection": "Orthographic", "orthographicSize": 3.5, "clearColor": [0.1, 0.2, 0.3, 1] } ] },
            { "name": "Child", "parent": "Box", "position": [1, 0, 0] },
            { "name": "Box", "rotation": [0, 90, 0], "scale": [2, 2, 2],
              "components": [
                { "type": "MeshRenderer", "shape": "Plane", "texturePath": "builtin:checker", "lit": false },
                { "type": "Vision.Tests.Engine.Recorder", "tag": "from-file" }
              ] }
          ]
        }
        """;

    [Test]
    public void LoadsObjectsComponentsMembersAndParents()
    {
        var scene = SceneLoader.Load(Good, "good.json");
        Assert.That(scene.Name, Is.EqualTo("loaded"));
        Assert.That(scene.Objects.Select(o => o.Name), Is.EquivalentTo(new[] { "Cam", "Box", "Child" }));

        var cam = scene.Find("Cam")!.GetComponent<Camera>()!;
        Assert.That(cam.Projection, Is.EqualTo(ProjectionKind.Orthographic));
        Assert.That(cam.OrthographicSize, Is.EqualTo(3.5f));
        Assert.That(cam.ClearColor, Is.EqualTo(new Vector4(0.1f, 0.2f, 0.3f, 1f)));
        Assert.That(Vector3.Distance(cam.Transform.Forward, Vector3.Normalize(new Vector3(0, -2, -6))), Is.LessThan(1e-4f), "lookAt aims -Z at the target");

        var box = scene.Find("Box")!;
        var mesh = box.GetComponent<MeshRenderer>()!;
        Assert.That(mesh.Shape, Is.EqualTo(MeshShape.Plane));
        Assert.That(mesh.TexturePath, Is.EqualTo("builtin:checker"));
        Assert.That(mesh.Lit, Is.False);
        Assert.That(box.GetComponent<Recorder>()!.Tag, Is.EqualTo("from-file"));
        Assert.That(box.Transform.Scale, Is.EqualTo(new Vector3(2)));
        // 90 degrees of yaw turns +X into -Z.
        var x = Vector3.Transform(Vector3.UnitX, box.Transform.Rotation);
        Assert.That(Vector3.Distance(x, -Vector3.UnitZ), Is.LessThan(1e-5f));

        var child = scene.Find("Child")!;
        Assert.That(child.Transform.Parent, Is.SameAs(box.Transform));
        Assert.That(Vector3.Distance(child.Transform.WorldPosition, new Vector3(0, 0, -2)), Is.LessThan(1e-5f));
    }

    [TestCase("""{ "type": "NoSuchComponent" }""", "unknown component type 'NoSuchComponent'")]
    [TestCase("""{ "type": "Camera", "fieldOfVeiw": 50 }""", "no settable field or property 'fieldOfVeiw'")]
    [TestCase("""{ "type": "Camera", "fieldOfView": "wide" }""", "'fieldOfView' wants a number")]
    [TestCase("""{ "type": "Camera", "projection": "Fisheye" }""", "'projection' wants one of Perspective, Orthographic")]
    [TestCase("""{ "type": "Camera", "clearColor": [1, 2] }""", "'clearColor' wants 4 numbers, got 2")]
    public void ABadComponentIsAnErrorNamingTheLine(string component, string expected)
    {
        string json = "{\n  \"objects\": [\n    { \"name\": \"X\",\n      \"components\": [\n        " + component + "\n      ] }\n  ]\n}\n";
        var e = Assert.Throws<SceneLoadException>(() => SceneLoader.Load(json, "bad.json"))!;
        Assert.That(e.Line, Is.EqualTo(5), e.Message);
        Assert.That(e.Message, Does.StartWith("bad.json:5: ").And.Contain(expected));
    }

    [Test]
    public void InvalidJsonIsAnErrorNamingTheLine()
    {
        var e = Assert.Throws<SceneLoadException>(() => SceneLoader.Load("{\n \"objects\": [\n  { \"name\": }\n ]\n}", "broken.json"))!;
        Assert.That(e.Line, Is.EqualTo(3), e.Message);
        Assert.That(e.Message, Does.Contain("invalid JSON"));
    }

    [Test]
    public void AnUnknownParentIsAnErrorNamingTheLine()
    {
        var e = Assert.Throws<SceneLoadException>(() => SceneLoader.Load("{ \"objects\": [\n { \"name\": \"A\",\n \"parent\": \"Ghost\" } ] }", "p.json"))!;
        Assert.That(e.Line, Is.EqualTo(3));
        Assert.That(e.Message, Does.Contain("'Ghost'"));
    }
}
