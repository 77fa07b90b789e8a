using System.Numerics;
using Vision.Engine.Rendering;
using Vision.Engine.Scenes;

namespace Vision.Tests.Engine;

/// <summary>Scenes shared by the engine tests.</summary>
public static class TestScenes
{
    /// <summary>A camera, a checkered plane, a spinning checkered cube and an FPS line.</summary>
    public static void CubeOnPlane(Scene scene)
    {
        var cam = scene.CreateObject("Camera");
        cam.Transform.Position = new Vector3(0, 1.5f, 3);
        cam.Transform.LookAt(Vector3.Zero);
        cam.AddComponent<Camera>();
        var floor = scene.CreateObject("Floor");
        floor.Transform.Scale = new Vector3(6, 1, 6);
        floor.Transform.Position = new Vector3(0, -0.5f, 0);
        floor.AddComponent<MeshRenderer>().Shape = MeshShape.Plane;
        var cube = scene.CreateObject("Cube");
        cube.AddComponent<MeshRenderer>().TexturePath = BuiltinTextures.CheckerName;
        cube.AddComponent<TestSpinner>();
        scene.CreateObject("Hud").AddComponent<FpsText>();
    }

    /// <summary>Turns its object about Y at 90 degrees per second.</summary>
    public sealed class TestSpinner : Component
    {
        protected override void Update() => Transform.Rotate(Vector3.UnitY, 90f * Time.DeltaTime);
    }
}
