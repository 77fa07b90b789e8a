using Silk.NET.OpenGL;

namespace Vision.Engine.Rendering;

/// <summary>
/// A textured, tinted, alpha-blended quad one unit across in the object's XY plane (scale the transform to size it).
/// Sprites test depth but do not write it, so they blend over what is behind them; draw order is scene order.
/// </summary>
public sealed class SpriteRenderer : TexturedRenderer
{
    protected internal override void OnRender(RenderContext context)
    {
        BindMaterial(context, lit: false);
        var gl = context.Device.Gl;
        gl.Enable(EnableCap.Blend);
        gl.DepthMask(false);
        Mesh.Shared(context.Device, MeshShape.Quad).Draw();
        gl.DepthMask(true);
        gl.Disable(EnableCap.Blend);
    }
}
