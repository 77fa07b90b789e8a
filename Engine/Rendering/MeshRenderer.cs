using System.Numerics;
using Silk.NET.OpenGL;
using Vision.Engine.Graphics;

namespace Vision.Engine.Rendering;

/// <summary>Draws a built-in shape (or a given <see cref="Mesh"/>) with the object's transform, a texture, a tint and simple lighting.</summary>
public sealed class MeshRenderer : Scenes.Component
{
    private Texture2D? _ownedTexture;
    private bool _textureTried;

    public MeshShape Shape { get; set; } = MeshShape.Cube;

    /// <summary>A mesh of your own; when null, <see cref="Shape"/>'s shared mesh is drawn.</summary>
    public Mesh? Mesh { get; set; }

    public Texture2D? Texture { get; set; }

    /// <summary>"builtin:checker", "builtin:white" or an image file, loaded on first render when <see cref="Texture"/> is null.</summary>
    public string? TexturePath { get; set; }

    public Vector4 Color { get; set; } = Vector4.One;
    public bool Lit { get; set; } = true;

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
        shader.Set("u_lit", Lit ? 1f : 0f);
        shader.Set("u_texture", 0);
        (Texture ?? BuiltinTextures.White(device)).Bind(0);
        bool blend = Color.W < 1f;
        if (blend) gl.Enable(EnableCap.Blend);
        (Mesh ?? Mesh.Shared(device, Shape)).Draw();
        if (blend) gl.Disable(EnableCap.Blend);
    }

    protected internal override void OnDestroy()
    {
        _ownedTexture?.Dispose();
        _ownedTexture = null;
    }
}
