using System.Numerics;
using Vision.Engine.Scenes;

namespace Vision.Engine.Rendering;

/// <summary>
/// Where the scene is seen from: the object's transform (looking down its -Z) and a perspective or orthographic projection.
/// The first active camera in the scene renders; it also clears the target with <see cref="ClearColor"/>.
/// </summary>
public sealed class Camera : Component
{
    public ProjectionKind Projection { get; set; } = ProjectionKind.Perspective;

    /// <summary>Vertical field of view in degrees (perspective).</summary>
    public float FieldOfView { get; set; } = 60f;

    /// <summary>Half the visible height in world units (orthographic), as Unity's orthographicSize.</summary>
    public float OrthographicSize { get; set; } = 5f;

    public float Near { get; set; } = 0.1f;
    public float Far { get; set; } = 100f;
    public Vector4 ClearColor { get; set; } = new(0.08f, 0.09f, 0.12f, 1f);

    public Matrix4x4 ViewMatrix
    {
        get
        {
            // Scale is ignored: a scaled camera would squash the view rather than zoom it.
            var world = Matrix4x4.CreateFromQuaternion(Transform.Rotation) * Matrix4x4.CreateTranslation(Transform.Position);
            if (Transform.Parent != null) world *= Transform.Parent.WorldMatrix;
            Matrix4x4.Invert(world, out var view);
            return view;
        }
    }

    public Matrix4x4 ProjectionMatrix(float aspect) => Projection == ProjectionKind.Perspective
        ? Matrix4x4.CreatePerspectiveFieldOfView(FieldOfView * MathF.PI / 180f, aspect, Near, Far)
        : Matrix4x4.CreateOrthographic(2f * OrthographicSize * aspect, 2f * OrthographicSize, Near, Far);
}
