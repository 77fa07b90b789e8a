using Silk.NET.OpenGL;

namespace Vision.Engine.Rendering;

/// <summary>Draws a built-in shape (or a given <see cref="Mesh"/>) with the object's transform, a texture, a tint and simple lighting.</summary>
public sealed class MeshRenderer : TexturedRenderer
{
    public MeshShape Shape { get; set; } = MeshShape.Cube;

    /// <summary>A mesh of your own; when null, <see cref="Shape"/>'s shared mesh is drawn.</summary>
    public Mesh? Mesh { get; set; }

    public bool Lit { get; set; } = true;

    protected internal override void OnRender(RenderContext context)
    {
        BindMaterial(context, Lit);
        var gl = context.Device.Gl;
        bool blend = Color.W < 1f;
        if (blend) gl.Enable(EnableCap.Blend);
        (Mesh ?? Mesh.Shared(context.Device, Shape)).Draw();
        if (blend) gl.Disable(EnableCap.Blend);
    }
}
