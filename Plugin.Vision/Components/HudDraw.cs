using System.Numerics;
using Silk.NET.OpenGL;
using Vision.Engine.Graphics;
using Vision.Engine.Rendering;

namespace Vision.Components;

/// <summary>Draws textures into pixel rectangles of the current target (origin top-left), over the scene.</summary>
internal static class HudDraw
{
    public static void Image(RenderContext context, Texture2D texture, Vector4 rect, Vector4 color, bool blend = true)
    {
        var device = context.Device;
        var shader = ComponentShaders.Quad(device, "image");
        shader.Use();
        shader.Set("u_rect", rect);
        shader.Set("u_target", new Vector2(context.Width, context.Height));
        shader.Set("u_color", color);
        shader.Set("u_texture", 0);
        texture.Bind(0);
        Quad(device, blend);
    }

    /// <summary>Draws the six vertices of quad.vert with the program in use (depth test off, optional alpha blend).</summary>
    public static void Quad(GraphicsDevice device, bool blend)
    {
        var gl = device.Gl;
        EmptyVertexArray(device).Bind();
        gl.Disable(EnableCap.DepthTest);
        if (blend) gl.Enable(EnableCap.Blend);
        gl.DrawArrays(PrimitiveType.Triangles, 0, 6);
        device.Check("glDrawArrays(quad)");
        if (blend) gl.Disable(EnableCap.Blend);
        gl.Enable(EnableCap.DepthTest);
    }

    /// <summary>Fits an image of <paramref name="w"/> x <paramref name="h"/> into a box, keeping its aspect (letterboxed).</summary>
    public static Vector4 Fit(int w, int h, Vector4 box)
    {
        float scale = MathF.Min(box.Z / w, box.W / h);
        float fw = w * scale, fh = h * scale;
        return new Vector4(box.X + (box.Z - fw) / 2, box.Y + (box.W - fh) / 2, fw, fh);
    }

    private static Engine.Graphics.VertexArray EmptyVertexArray(GraphicsDevice device) => device.Shared("vision-components:empty-vao", Engine.Graphics.VertexArray.Create);
}
