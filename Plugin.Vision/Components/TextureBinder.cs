using System.Numerics;
using Vision.Engine.Graphics;
using Vision.Engine.Rendering;

namespace Vision.Components;

/// <summary>
/// Puts a vision texture (composite, mask, camera frame, feature maps) on this object's <see cref="SpriteRenderer"/> or
/// <see cref="MeshRenderer"/> every frame: live video on a billboard or a panel in a 3D scene, from a scene file.
/// </summary>
public sealed class TextureBinder : Engine.Scenes.Component
{
    /// <summary>Object holding the vision component (default: the scene's first of the kind).</summary>
    public string? SourceObject { get; set; }

    public TextureKind Kind { get; set; } = TextureKind.Composite;

    /// <summary>Scale X to the texture's aspect, keeping the object's height (Y scale).</summary>
    public bool KeepAspect { get; set; } = true;

    protected override void LateUpdate()
    {
        var texture = Find();
        if (texture == null) return;
        if (GetComponent<SpriteRenderer>() is { } sprite) sprite.Texture = texture;
        if (GetComponent<MeshRenderer>() is { } mesh) mesh.Texture = texture;
        if (KeepAspect)
        {
            var s = Transform.Scale;
            Transform.Scale = new Vector3(s.Y * texture.Width / texture.Height, s.Y, s.Z);
        }
    }

    private Texture2D? Find() => Kind switch
    {
        TextureKind.Composite => ComponentLookup.Find<SegmentationOverlay>(this, SourceObject).Output,
        TextureKind.Mask => ComponentLookup.Find<Segmenter>(this, SourceObject).Mask,
        TextureKind.Frame => ComponentLookup.Find<CameraSource>(this, SourceObject).Texture,
        _ => ComponentLookup.Find<FeatureMapOverlay>(this, SourceObject).Tiles,
    };
}
