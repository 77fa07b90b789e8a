using System.Numerics;
using Vision.Engine.Graphics;

namespace Vision.Engine.Rendering;

/// <summary>Builds the vertices of the built-in shapes: each face is a quad of 4 vertices with its own normal.</summary>
public static class MeshBuilder
{
    public static Mesh Quad(GraphicsDevice device) => Faces(device, (Vector3.UnitZ, Vector3.UnitX, Vector3.UnitY));

    public static Mesh Plane(GraphicsDevice device) => Faces(device, (Vector3.UnitY, Vector3.UnitX, -Vector3.UnitZ));

    public static Mesh Cube(GraphicsDevice device) => Faces(device,
        (Vector3.UnitZ, Vector3.UnitX, Vector3.UnitY),
        (-Vector3.UnitZ, -Vector3.UnitX, Vector3.UnitY),
        (Vector3.UnitX, -Vector3.UnitZ, Vector3.UnitY),
        (-Vector3.UnitX, Vector3.UnitZ, Vector3.UnitY),
        (Vector3.UnitY, Vector3.UnitX, -Vector3.UnitZ),
        (-Vector3.UnitY, Vector3.UnitX, Vector3.UnitZ));

    /// <summary>One quad per (normal, right, up); the cube's faces sit half a unit out along the normal.</summary>
    private static Mesh Faces(GraphicsDevice device, params (Vector3 Normal, Vector3 Right, Vector3 Up)[] faces)
    {
        bool flat = faces.Length == 1;
        var vertices = new float[faces.Length * 4 * 8];
        var indices = new uint[faces.Length * 6];
        int v = 0, i = 0;
        for (int f = 0; f < faces.Length; f++)
        {
            var (n, r, u) = faces[f];
            var centre = flat ? Vector3.Zero : n * 0.5f;
            uint b = (uint)(f * 4);
            Put(centre - 0.5f * r - 0.5f * u, 0, 0);
            Put(centre + 0.5f * r - 0.5f * u, 1, 0);
            Put(centre + 0.5f * r + 0.5f * u, 1, 1);
            Put(centre - 0.5f * r + 0.5f * u, 0, 1);
            foreach (var k in new uint[] { 0, 1, 2, 0, 2, 3 }) indices[i++] = b + k;

            void Put(Vector3 p, float s, float t)
            {
                vertices[v++] = p.X; vertices[v++] = p.Y; vertices[v++] = p.Z;
                vertices[v++] = n.X; vertices[v++] = n.Y; vertices[v++] = n.Z;
                vertices[v++] = s; vertices[v++] = t;
            }
        }
        return new Mesh(device, vertices, indices);
    }
}
