using Silk.NET.OpenGL;
using Vision.Engine.Graphics;
using VertexArray = Vision.Engine.Graphics.VertexArray;

namespace Vision.Engine.Rendering;

/// <summary>
/// Indexed triangles with position, normal and texture coordinate per vertex (8 floats), in one vertex array.
/// The built-in shapes are shared per device (<see cref="Shared"/>); a mesh you create yourself is yours to dispose.
/// </summary>
public sealed class Mesh : IDisposable
{
    private readonly GpuBuffer _vertices;
    private readonly GpuBuffer _indices;
    public VertexArray VertexArray { get; }
    public int IndexCount { get; }

    public Mesh(GraphicsDevice device, ReadOnlySpan<float> vertices, ReadOnlySpan<uint> indices)
    {
        if (vertices.Length % 8 != 0) throw new ArgumentException("vertices need 8 floats each (position, normal, uv)", nameof(vertices));
        _vertices = GpuBuffer.Create(device, BufferTargetARB.ArrayBuffer, vertices);
        _indices = GpuBuffer.Create(device, BufferTargetARB.ElementArrayBuffer, indices);
        VertexArray = VertexArray.Create(device);
        VertexArray.SetAttribute(0, _vertices, 3, 8, 0);
        VertexArray.SetAttribute(1, _vertices, 3, 8, 3);
        VertexArray.SetAttribute(2, _vertices, 2, 8, 6);
        VertexArray.SetIndexBuffer(_indices);
        device.Gl.BindVertexArray(0);
        IndexCount = indices.Length;
    }

    public unsafe void Draw()
    {
        VertexArray.Bind();
        var device = VertexArray.Device;
        device.Gl.DrawElements(PrimitiveType.Triangles, (uint)IndexCount, DrawElementsType.UnsignedInt, null);
        device.Check("glDrawElements");
    }

    public static Mesh Shared(GraphicsDevice device, MeshShape shape) => shape switch
    {
        MeshShape.Cube => device.Shared("mesh:cube", d => MeshBuilder.Cube(d)),
        MeshShape.Plane => device.Shared("mesh:plane", d => MeshBuilder.Plane(d)),
        _ => device.Shared("mesh:quad", d => MeshBuilder.Quad(d)),
    };

    public void Dispose()
    {
        VertexArray.Dispose();
        _vertices.Dispose();
        _indices.Dispose();
    }
}
