using System.Numerics;
using Silk.NET.OpenGL;

namespace Vision.Engine.Graphics;

/// <summary>A linked GLSL program (vertex + fragment, or compute). Compile and link failures throw with the driver's info log.</summary>
public sealed unsafe class ShaderProgram : GlResource
{
    private readonly Dictionary<string, int> _uniforms = new();
    public string Name { get; }
    private protected override GlObjectKind Kind => GlObjectKind.Program;

    private ShaderProgram(GraphicsDevice device, uint handle, string name) : base(device, handle) => Name = name;

    public static ShaderProgram Create(GraphicsDevice device, string name, string vertexSource, string fragmentSource) =>
        Link(device, name, (ShaderType.VertexShader, vertexSource), (ShaderType.FragmentShader, fragmentSource));

    public static ShaderProgram CreateCompute(GraphicsDevice device, string name, string computeSource) =>
        Link(device, name, (ShaderType.ComputeShader, computeSource));

    private static ShaderProgram Link(GraphicsDevice device, string name, params (ShaderType Type, string Source)[] stages)
    {
        device.AssertOwnerThread("ShaderProgram.Create");
        var gl = device.Gl;
        var shaders = new List<uint>();
        var program = new ShaderProgram(device, gl.CreateProgram(), name);
        try
        {
            foreach (var (type, source) in stages)
            {
                uint shader = gl.CreateShader(type);
                shaders.Add(shader);
                gl.ShaderSource(shader, source);
                gl.CompileShader(shader);
                gl.GetShader(shader, ShaderParameterName.CompileStatus, out int ok);
                if (ok == 0)
                    throw new GlException("glCompileShader", 0, $"{type} of '{name}' failed to compile:\n{gl.GetShaderInfoLog(shader).Trim()}");
                gl.AttachShader(program.Handle, shader);
            }
            gl.LinkProgram(program.Handle);
            gl.GetProgram(program.Handle, ProgramPropertyARB.LinkStatus, out int linked);
            if (linked == 0)
                throw new GlException("glLinkProgram", 0, $"program '{name}' failed to link:\n{gl.GetProgramInfoLog(program.Handle).Trim()}");
            device.Check("glLinkProgram");
            return program;
        }
        catch
        {
            program.Dispose();
            throw;
        }
        finally
        {
            // Shaders are only needed until the link; the program keeps what it needs.
            foreach (var s in shaders) gl.DeleteShader(s);
        }
    }

    public void Use()
    {
        ThrowIfDisposed();
        Device.Gl.UseProgram(Handle);
    }

    /// <summary>The uniform's location, cached; -1 when the driver optimised it away (GL ignores sets to -1).</summary>
    public int Location(string uniform)
    {
        if (!_uniforms.TryGetValue(uniform, out int loc))
        {
            loc = Device.Gl.GetUniformLocation(Handle, uniform);
            _uniforms[uniform] = loc;
        }
        return loc;
    }

    // Setters assume the program is in use (call Use first); System.Numerics matrices are row-major with row vectors,
    // which GL reads as the column-major transpose: in GLSL write `m * v` and it means v * M.
    public void Set(string uniform, Matrix4x4 value) => Device.Gl.UniformMatrix4(Location(uniform), 1, false, (float*)&value);
    public void Set(string uniform, Vector4 value) => Device.Gl.Uniform4(Location(uniform), value.X, value.Y, value.Z, value.W);
    public void Set(string uniform, Vector3 value) => Device.Gl.Uniform3(Location(uniform), value.X, value.Y, value.Z);
    public void Set(string uniform, Vector2 value) => Device.Gl.Uniform2(Location(uniform), value.X, value.Y);
    public void Set(string uniform, float value) => Device.Gl.Uniform1(Location(uniform), value);
    public void Set(string uniform, int value) => Device.Gl.Uniform1(Location(uniform), value);
}
