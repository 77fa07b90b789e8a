using Vision.Engine.Graphics;

namespace Vision.Engine.Rendering;

/// <summary>Procedural textures shared per device, so samples and tests need no image files.</summary>
public static class BuiltinTextures
{
    public const string WhiteName = "builtin:white";
    public const string CheckerName = "builtin:checker";

    public static Texture2D White(GraphicsDevice device) =>
        device.Shared(WhiteName, d => Texture2D.Create(d, 1, 1, new byte[] { 255, 255, 255, 255 }));

    /// <summary>An 8x8 checkerboard of white and mid-grey squares, 64 texels across, nearest-filtered.</summary>
    public static Texture2D Checker(GraphicsDevice device) => device.Shared(CheckerName, d =>
    {
        const int size = 64, square = 8;
        var texels = new byte[size * size * 4];
        for (int y = 0; y < size; y++)
        for (int x = 0; x < size; x++)
        {
            byte v = ((x / square + y / square) & 1) == 0 ? (byte)255 : (byte)110;
            int i = (y * size + x) * 4;
            texels[i] = v; texels[i + 1] = v; texels[i + 2] = v; texels[i + 3] = 255;
        }
        return Texture2D.Create(d, size, size, texels, nearest: true);
    });

    /// <summary>A built-in name ("builtin:white", "builtin:checker") or an image file; files are owned by the caller.</summary>
    public static Texture2D Resolve(GraphicsDevice device, string name, out bool owned)
    {
        owned = false;
        if (name == WhiteName) return White(device);
        if (name == CheckerName) return Checker(device);
        owned = true;
        return Texture2D.FromImageFile(device, name);
    }
}
