using Silk.NET.OpenGL;

namespace Vision.Backends.GlCompute;

/// <summary>One linked compute program (one per op variant) and the locations of the shared uniforms.</summary>
internal sealed class GlProgram(GL gl, uint handle, string variant, bool textureReads) : IDisposable
{
    /// <summary>Whether its read-only buffers are read through the buffer textures bound at dispatch.</summary>
    public bool TextureReads { get; } = textureReads;

    public uint Handle { get; private set; } = handle;
    public string Variant { get; } = variant;
    public int CountLocation { get; } = gl.GetUniformLocation(handle, "uCount");
    public int ParamsLocation { get; } = gl.GetUniformLocation(handle, "uParams");
    public int FloatsLocation { get; } = gl.GetUniformLocation(handle, "uFloats");

    public void Dispose()
    {
        if (Handle != 0) gl.DeleteProgram(Handle);
        Handle = 0;
    }
}
