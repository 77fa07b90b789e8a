namespace Vision.Engine.Graphics;

/// <summary>An OpenGL call failed. <see cref="Call"/> names it; <see cref="ErrorCode"/> is glGetError's code (0 for compile/link failures).</summary>
public sealed class GlException(string call, int errorCode, string message) : Exception(message)
{
    public string Call { get; } = call;
    public int ErrorCode { get; } = errorCode;

    public static string ErrorName(int code) => code switch
    {
        0x0500 => "GL_INVALID_ENUM",
        0x0501 => "GL_INVALID_VALUE",
        0x0502 => "GL_INVALID_OPERATION",
        0x0505 => "GL_OUT_OF_MEMORY",
        0x0506 => "GL_INVALID_FRAMEBUFFER_OPERATION",
        _ => $"0x{code:X4}",
    };
}
