using Silk.NET.OpenGL;
using Vision.Kernels;

namespace Vision.Backends.GlCompute;

/// <summary>Compiles and links <c>Shaders/&lt;kernel&gt;.comp</c> for a variant; failures throw with the info log.</summary>
internal sealed class GlCompiler(GL gl)
{
    /// <summary>Compiles a kernel variant; with <paramref name="textureReads"/> its read-only buffers are read through
    /// buffer textures (<see cref="GlTextureReads"/>).</summary>
    public GlProgram Compile(string kernel, string[] defines, bool textureReads)
    {
        string variant = string.Join(" ", defines);
        string source = KernelSource.Expand(kernel + ".comp", "#version 430 core\n", defines);
        if (textureReads) source = GlTextureReads.Rewrite(source);
        uint shader = gl.CreateShader(ShaderType.ComputeShader);
        try
        {
            gl.ShaderSource(shader, source);
            gl.CompileShader(shader);
            gl.GetShader(shader, ShaderParameterName.CompileStatus, out int compiled);
            if (compiled == 0)
                throw new KernelCompileException("OpenGL", kernel, variant, gl.GetShaderInfoLog(shader));
            uint program = gl.CreateProgram();
            gl.AttachShader(program, shader);
            gl.LinkProgram(program);
            gl.DetachShader(program, shader);
            gl.GetProgram(program, ProgramPropertyARB.LinkStatus, out int linked);
            if (linked == 0)
            {
                string log = gl.GetProgramInfoLog(program);
                gl.DeleteProgram(program);
                throw new KernelCompileException("OpenGL", kernel, variant, log);
            }
            return new GlProgram(gl, program, textureReads ? variant + " (texture reads)" : variant, textureReads);
        }
        finally
        {
            gl.DeleteShader(shader);
        }
    }
}
