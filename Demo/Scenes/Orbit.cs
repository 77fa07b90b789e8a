using System.Numerics;
using Vision.Engine.Scenes;

namespace Vision.Demo.Scenes;

/// <summary>Circles its object around <see cref="Target"/> at <see cref="Radius"/> and <see cref="Height"/>, always looking at it.</summary>
public sealed class Orbit : Component
{
    private float _angle;

    public Vector3 Target { get; set; } = new(0, 1, 0);
    public float Radius { get; set; } = 6f;
    public float Height { get; set; } = 2.5f;
    public float DegreesPerSecond { get; set; } = 12f;

    /// <summary>Swing back and forth over this many degrees instead of going all the way round (0: full circle).</summary>
    public float SwingDegrees { get; set; } = 70f;

    protected override void Update()
    {
        _angle += DegreesPerSecond * Time.DeltaTime;
        float a = SwingDegrees > 0 ? SwingDegrees / 2 * MathF.Sin(_angle * MathF.PI / 180f) : _angle;
        float r = a * MathF.PI / 180f;
        Transform.Position = Target + new Vector3(Radius * MathF.Sin(r), Height, Radius * MathF.Cos(r));
        Transform.LookAt(Target);
    }
}
