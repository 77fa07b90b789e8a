using Silk.NET.OpenGL;

namespace Vision.Engine.Graphics;

/// <summary>A GL buffer object (vertices, indices, uniforms or shader storage, by <see cref="Target"/>).</summary>
public sealed unsafe class GpuBuffer : GlResource
{
    public BufferTargetARB Target { get; }
    public nuint SizeInBytes { get; private set; }
    private protected override GlObjectKind Kind => GlObjectKind.Buffer;

    private GpuBuffer(GraphicsDevice device, uint handle, BufferTargetARB target) : base(device, handle) => Target = target;

    public static GpuBuffer Create<T>(GraphicsDevice device, BufferTargetARB target, ReadOnlySpan<T> data,
        BufferUsageARB usage = BufferUsageARB.StaticDraw) where T : unmanaged
    {
        device.AssertOwnerThread("GpuBuffer.Create");
        var buffer = new GpuBuffer(device, device.Gl.GenBuffer(), target);
        try
        {
            buffer.Allocate(data, usage);
            return buffer;
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    /// <summary>Creates a buffer of <paramref name="bytes"/> uninitialised bytes (for streaming with <see cref="Update{T}"/>).</summary>
    public static GpuBuffer Create(GraphicsDevice device, BufferTargetARB target, nuint bytes, BufferUsageARB usage = BufferUsageARB.DynamicDraw)
    {
        device.AssertOwnerThread("GpuBuffer.Create");
        var gl = device.Gl;
        var buffer = new GpuBuffer(device, gl.GenBuffer(), target);
        gl.BindBuffer(target, buffer.Handle);
        gl.BufferData(target, bytes, null, usage);
        device.Check("glBufferData");
        buffer.SizeInBytes = bytes;
        return buffer;
    }

    /// <summary>Reallocates the store with <paramref name="data"/>.</summary>
    public void Allocate<T>(ReadOnlySpan<T> data, BufferUsageARB usage) where T : unmanaged
    {
        ThrowIfDisposed();
        var gl = Device.Gl;
        gl.BindBuffer(Target, Handle);
        Device.Check("glBindBuffer");
        var bytes = (nuint)(data.Length * sizeof(T));
        fixed (T* p = data) gl.BufferData(Target, bytes, p, usage);
        Device.Check("glBufferData");
        SizeInBytes = bytes;
    }

    /// <summary>Writes <paramref name="data"/> at <paramref name="offsetBytes"/> without reallocating.</summary>
    public void Update<T>(ReadOnlySpan<T> data, nint offsetBytes = 0) where T : unmanaged
    {
        ThrowIfDisposed();
        var bytes = (nuint)(data.Length * sizeof(T));
        if ((nuint)offsetBytes + bytes > SizeInBytes)
            throw new ArgumentOutOfRangeException(nameof(data), $"{bytes} bytes at {offsetBytes} overrun a {SizeInBytes}-byte buffer");
        var gl = Device.Gl;
        gl.BindBuffer(Target, Handle);
        fixed (T* p = data) gl.BufferSubData(Target, offsetBytes, bytes, p);
        Device.Check("glBufferSubData");
    }
}
