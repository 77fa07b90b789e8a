using System.Numerics;
using Vision.Engine.Graphics;

namespace Vision.Engine.Rendering;

/// <summary>
/// What sprites and meshes share: a texture (given, or loaded once from <see cref="TexturePath"/>), a tint, and the
/// built-in mesh shader set up with the object's transform.
/// </summary>
public abstract class TexturedRenderer : Scenes.Component
{
    private Texture2D? _ownedTexture;
    private bool _textureTried;

    public Texture2D? Texture { get; set; }

    /// <summary>"builtin:checker", "builtin:white" or an image file, loaded on first render when <see cref="Texture"/> is null.</summary>
    public string? TexturePath { get; set; }

    public Vector4 Color { get; set; } = Vector4.One;

    /// <summary>Resolves the texture, then binds the mesh shader with this object's transform, tint and texture.</summary>
    protected void BindMaterial(RenderContext context, bool lit)
    {
        var device = context.Device;
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
        shader.Set("u_lit", lit ? 1f : 0f);
        shader.Set("u_texture", 0);
        (Texture ?? BuiltinTextures.White(device)).Bind(0);
    }

    protected internal override void OnDestroy()
    {
        _ownedTexture?.Dispose();
        _ownedTexture = null;
    }
}
