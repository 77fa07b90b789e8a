using System.Numerics;
using Silk.NET.OpenGL;
using Vision.Engine.Graphics;

namespace Vision.Engine.Rendering;

/// <summary>
/// A textured, tinted, alpha-blended quad one unit across in the object's XY plane (scale the transform to size it).
/// Sprites test depth but do not write it, so they blend over what is behind them; draw order is scene order.
/// </summary>
public sealed class SpriteRenderer : Scenes.Component
{
    private Texture2D? _ownedTexture;
    private bool _textureTried;

    public Texture2D? Texture { get; set; }

    /// <summary>"builtin:checker", "builtin:white" or an image file, loaded on first render when <see cref="Texture"/> is null.</summary>
    public string? TexturePath { get; set; }

    public Vector4 Color { get; set; } = Vector4.One;

    protected internal override void OnRender(RenderContext context)
    {
        var device = context.Device;
        var gl = device.Gl;
        if (Texture == null && TexturePath is { } path && !_textureTried)
        {
            // Tried once: a missing file is reported (logged by the scene) a single time, then the object draws untextured.
            _textureTried = true;
            Texture = BuiltinTextures.Resolve(device, path, out bool owned);
            if (owned) _ownedTexture = Texture;
        }
        var shader = BuiltinShaders.Mesh(device);
        shader.Use();
        shader.Set("u_model", Transform.WorldMatrix);
        shader.Set("u_viewProjection", context.ViewProjection);
        shader.Set("u_color", Color);
        shader.Set("u_lit", 0f);
        shader.Set("u_texture", 0);
        (Texture ?? BuiltinTextures.White(device)).Bind(0);
        gl.Enable(EnableCap.Blend);
        gl.DepthMask(false);
        Mesh.Shared(device, MeshShape.Quad).Draw();
        gl.DepthMask(true);
        gl.Disable(EnableCap.Blend);
    }

    protected internal override void OnDestroy()
    {
        _ownedTexture?.Dispose();
        _ownedTexture = null;
    }
}
