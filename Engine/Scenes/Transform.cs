using System.Numerics;

namespace Vision.Engine.Scenes;

/// <summary>
/// Position, rotation and scale relative to the parent (or the world for a root), and the parent/children hierarchy.
/// Right-handed, Y up, cameras look down -Z, as System.Numerics' matrix helpers assume.
/// </summary>
public sealed class Transform
{
    private readonly List<Transform> _children = new();

    public GameObject GameObject { get; }
    public Vector3 Position { get; set; }
    public Quaternion Rotation { get; set; } = Quaternion.Identity;
    public Vector3 Scale { get; set; } = Vector3.One;
    public Transform? Parent { get; private set; }
    public IReadOnlyList<Transform> Children => _children;

    internal Transform(GameObject owner) => GameObject = owner;

    /// <summary>Scale, then rotate, then translate (row-vector convention: v * M).</summary>
    public Matrix4x4 LocalMatrix =>
        Matrix4x4.CreateScale(Scale) * Matrix4x4.CreateFromQuaternion(Rotation) * Matrix4x4.CreateTranslation(Position);

    public Matrix4x4 WorldMatrix => Parent == null ? LocalMatrix : LocalMatrix * Parent.WorldMatrix;
    public Vector3 WorldPosition => WorldMatrix.Translation;
    public Vector3 Forward => Vector3.Transform(-Vector3.UnitZ, Rotation);

    public void SetParent(Transform? parent)
    {
        for (var p = parent; p != null; p = p.Parent)
            if (p == this) throw new InvalidOperationException($"'{GameObject.Name}' cannot become a child of its own descendant '{parent!.GameObject.Name}'");
        Parent?._children.Remove(this);
        Parent = parent;
        parent?._children.Add(this);
    }

    /// <summary>Sets the rotation from Euler angles in degrees (applied Z, then X, then Y, as Unity does).</summary>
    public void SetEulerAngles(Vector3 degrees)
    {
        const float ToRad = MathF.PI / 180f;
        Rotation = Quaternion.CreateFromYawPitchRoll(degrees.Y * ToRad, degrees.X * ToRad, degrees.Z * ToRad);
    }

    /// <summary>Rotates by <paramref name="degrees"/> about a local axis.</summary>
    public void Rotate(Vector3 axis, float degrees) =>
        Rotation = Quaternion.Normalize(Rotation * Quaternion.CreateFromAxisAngle(Vector3.Normalize(axis), degrees * MathF.PI / 180f));

    /// <summary>Turns a root transform so that -Z points at <paramref name="target"/>.</summary>
    public void LookAt(Vector3 target, Vector3? up = null)
    {
        var view = Matrix4x4.CreateLookAt(Position, target, up ?? Vector3.UnitY);
        Matrix4x4.Invert(view, out var world);
        Rotation = Quaternion.Normalize(Quaternion.CreateFromRotationMatrix(world));
    }
}
