using Silk.NET.OpenGL;

namespace Vision.Engine.Graphics;

/// <summary>A vertex array object: which buffers feed which vertex attributes, and the index buffer.</summary>
public sealed unsafe class VertexArray : GlResource
{
    private protected override GlObjectKind Kind => GlObjectKind.VertexArray;

    private VertexArray(GraphicsDevice device, uint handle) : base(device, handle) { }

    public static VertexArray Create(GraphicsDevice device)
    {
        device.AssertOwnerThread("VertexArray.Create");
        var vao = new VertexArray(device, device.Gl.GenVertexArray());
        device.Check("glGenVertexArrays");
        return vao;
    }

    /// <summary>Feeds attribute <paramref name="location"/> with <paramref name="components"/> floats per vertex from <paramref name="buffer"/>.</summary>
    public void SetAttribute(uint location, GpuBuffer buffer, int components, int strideFloats, int offsetFloats)
    {
        ThrowIfDisposed();
        var gl = Device.Gl;
        gl.BindVertexArray(Handle);
        gl.BindBuffer(BufferTargetARB.ArrayBuffer, buffer.Handle);
        gl.EnableVertexAttribArray(location);
        gl.VertexAttribPointer(location, components, VertexAttribPointerType.Float, false,
            (uint)(strideFloats * sizeof(float)), (void*)(offsetFloats * sizeof(float)));
        Device.Check("glVertexAttribPointer");
    }

    /// <summary>Records <paramref name="indices"/> as this array's element buffer.</summary>
    public void SetIndexBuffer(GpuBuffer indices)
    {
        ThrowIfDisposed();
        Device.Gl.BindVertexArray(Handle);
        Device.Gl.BindBuffer(BufferTargetARB.ElementArrayBuffer, indices.Handle);
        Device.Check("glBindBuffer(GL_ELEMENT_ARRAY_BUFFER)");
    }

    public void Bind()
    {
        ThrowIfDisposed();
        Device.Gl.BindVertexArray(Handle);
    }
}
