namespace Vision.Engine.Rendering;

/// <summary>Built-in meshes, all one unit across and centred on the origin.</summary>
public enum MeshShape
{
    /// <summary>A cube from -0.5 to 0.5 on each axis.</summary>
    Cube,

    /// <summary>A square in the XZ plane facing +Y (a floor).</summary>
    Plane,

    /// <summary>A square in the XY plane facing +Z (a sprite, a wall).</summary>
    Quad,
}
