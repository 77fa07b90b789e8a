using System.Numerics;
using Vision.Engine.Scenes;

namespace Vision.Demo.Scenes;

/// <summary>Spins its object at <see cref="DegreesPerSecond"/> about its local X, Y and Z axes (settable from a scene file).</summary>
public sealed class Spinner : Component
{
    public Vector3 DegreesPerSecond { get; set; } = new(0, 90, 0);

    protected override void Update()
    {
        float dt = Time.DeltaTime;
        if (DegreesPerSecond.X != 0) Transform.Rotate(Vector3.UnitX, DegreesPerSecond.X * dt);
        if (DegreesPerSecond.Y != 0) Transform.Rotate(Vector3.UnitY, DegreesPerSecond.Y * dt);
        if (DegreesPerSecond.Z != 0) Transform.Rotate(Vector3.UnitZ, DegreesPerSecond.Z * dt);
    }
}
