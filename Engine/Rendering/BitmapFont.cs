using OpenCvSharp;
using Vision.Engine.Graphics;

namespace Vision.Engine.Rendering;

/// <summary>
/// An ASCII (32..126) font atlas made at startup: OpenCV's built-in Hershey vector font is rasterised with
/// Cv2.PutText into a 16x6 grid of cells, so the project ships no font file. Coverage is stored in alpha; each glyph
/// has its own advance (the font is proportional), and the atlas is sampled nearest so cells never bleed.
/// </summary>
public sealed class BitmapFont : IDisposable
{
    public const int FirstChar = 32;
    public const int LastChar = 126;
    private const int Columns = 16;
    private const int Rows = 6;

    /// <summary>Empty texels around each glyph in its cell; the pen position is <see cref="Pad"/> texels into the cell.</summary>
    public const int Pad = 3;

    private readonly int[] _advances;

    public Texture2D Atlas { get; }

    /// <summary>Cell size in atlas texels; one cell per glyph, drawn whole (the glyph sits at its left edge).</summary>
    public int CellWidth { get; }
    public int CellHeight { get; }

    private BitmapFont(Texture2D atlas, int cellWidth, int cellHeight, int[] advances)
    {
        Atlas = atlas;
        _advances = advances;
        CellWidth = cellWidth;
        CellHeight = cellHeight;
    }

    /// <summary>The device's shared default font (created on first use).</summary>
    public static BitmapFont Default(GraphicsDevice device) => device.Shared("font:default", d => Create(d));

    public static BitmapFont Create(GraphicsDevice device, HersheyFonts face = HersheyFonts.HersheySimplex, double scale = 0.45)
    {
        int maxW = 0, maxH = 0, maxBase = 0;
        var advances = new int[LastChar - FirstChar + 1];
        for (int ch = FirstChar; ch <= LastChar; ch++)
        {
            var size = Cv2.GetTextSize(((char)ch).ToString(), face, scale, 1, out int baseline);
            advances[ch - FirstChar] = size.Width + 1;
            maxW = Math.Max(maxW, size.Width);
            maxH = Math.Max(maxH, size.Height);
            maxBase = Math.Max(maxBase, baseline);
        }
        // Padding on every side: thick, anti-aliased strokes reach a pixel or two past GetTextSize's box.
        int cellW = maxW + 2 * Pad + 1, cellH = maxH + maxBase + 2 * Pad + 1;
        using var gray = new Mat(Rows * cellH, Columns * cellW, MatType.CV_8UC1, Scalar.All(0));
        for (int ch = FirstChar; ch <= LastChar; ch++)
        {
            int i = ch - FirstChar;
            var origin = new Point(i % Columns * cellW + Pad, i / Columns * cellH + Pad + maxH);
            Cv2.PutText(gray, ((char)ch).ToString(), origin, face, scale, Scalar.All(255), 1, LineTypes.AntiAlias);
        }
        // White texels with coverage as alpha: tinting is then a multiply in the shader.
        int width = gray.Width, height = gray.Height;
        var coverage = new byte[width * height];
        System.Runtime.InteropServices.Marshal.Copy(gray.Data, coverage, 0, coverage.Length);
        var rgba = new byte[width * height * 4];
        for (int y = 0; y < height; y++)
        {
            int srcRow = height - 1 - y;   // GL's first row is the bottom one
            for (int x = 0; x < width; x++)
            {
                int o = (y * width + x) * 4;
                rgba[o] = rgba[o + 1] = rgba[o + 2] = 255;
                rgba[o + 3] = coverage[srcRow * width + x];
            }
        }
        return new BitmapFont(Texture2D.Create(device, width, height, rgba, nearest: true), cellW, cellH, advances);
    }

    /// <summary>How far the pen moves after <paramref name="c"/>, in atlas texels.</summary>
    public int Advance(char c) => _advances[(c < FirstChar || c > LastChar ? '?' : c) - FirstChar];

    /// <summary>Texture coordinates of a glyph's cell (unknown characters show as '?').</summary>
    public (float U0, float V0, float U1, float V1) Glyph(char c)
    {
        int i = (c < FirstChar || c > LastChar ? '?' : c) - FirstChar;
        float w = Atlas.Width, h = Atlas.Height;
        int col = i % Columns, row = i / Columns;
        float u0 = col * CellWidth / w, u1 = (col + 1) * CellWidth / w;
        float vTop = 1f - row * CellHeight / h, vBottom = 1f - (row + 1) * CellHeight / h;
        return (u0, vBottom, u1, vTop);
    }

    public void Dispose() => Atlas.Dispose();
}
