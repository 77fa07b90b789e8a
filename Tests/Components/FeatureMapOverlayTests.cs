using Silk.NET.OpenGL;
using Vision.Components;

namespace Vision.Tests.Components;

/// <summary>The feature-map tiles are the kept layer's channels, each normalised by its own min and max.</summary>
[NonParallelizable]
public sealed class FeatureMapOverlayTests
{
    [Test]
    public unsafe void TilesMatchTheWorkersIntermediateTensor()
    {
        string model = SharedModels.File("mnist-8.onnx");
        string image = SharedModels.File("images/digit_three.jpg");
        const int size = 256;
        byte[] rgba = new byte[size * size * 4];
        NeuralNetwork? nn = null;
        FeatureMapOverlay? maps = null;
        Vision.Tensors.Tensor? layer = null;
        using var app = VisionRun.Until(scene =>
        {
            (_, nn) = VisionRun.ImageIntoNetwork(scene, image, model, "gl");
            nn.ColorOrder = ColorOrder.Gray;
            nn.Range = 255;
            nn.AutoFeatureLayers = 2;
            maps = nn.GameObject.AddComponent<FeatureMapOverlay>();
            maps.TilesPerPage = 4;
            maps.TextureSize = size;
            maps.Colormap = Colormap.Gray;
            maps.Page = 1;   // channels 4..7
        }, _ => maps!.Version > 0 || nn!.Error != null, atEnd: a =>
        {
            if (maps!.Tiles == null) return;
            var gl = a.Device.Gl;
            maps.Tiles.Bind(0);
            gl.PixelStore(PixelStoreParameter.PackAlignment, 1);
            fixed (byte* p = rgba) gl.GetTexImage(TextureTarget.Texture2D, 0, PixelFormat.Rgba, PixelType.UnsignedByte, p);
            layer = nn!.Worker!.PeekOutput(maps.LayerName);
        });
        Assert.That(nn!.Error, Is.Null);
        Assert.That(layer, Is.Not.Null);
        var t = layer!;
        int c = t.Shape[1], h = t.Shape[2], w = t.Shape[3];
        Assert.That(c, Is.GreaterThanOrEqualTo(8), $"layer {maps!.LayerName} has channels for page 2");
        int tile = maps.TileSize, inner = tile - 1, worst = 0;
        for (int k = 0; k < 4; k++)
        {
            int ch = 4 + k;
            var plane = t.Data.AsSpan(ch * h * w, h * w);
            float lo = float.MaxValue, hi = float.MinValue;
            foreach (float v in plane) { lo = Math.Min(lo, v); hi = Math.Max(hi, v); }
            int ox = k % maps.Columns * tile, oy = k / maps.Columns * tile;
            for (int ty = 0; ty < inner; ty += 7)
                for (int tx = 0; tx < inner; tx += 7)
                {
                    int x = Math.Min(tx * w / inner, w - 1), y = Math.Min(ty * h / inner, h - 1);
                    float expected = hi > lo ? (plane[y * w + x] - lo) / (hi - lo) * 255f : 0;
                    int row = size - 1 - (oy + ty);
                    int got = rgba[(row * size + ox + tx) * 4];
                    worst = Math.Max(worst, (int)Math.Abs(got - expected));
                }
        }
        Assert.That(worst, Is.LessThanOrEqualTo(2), "tile texels vs (value - min) / (max - min) of the kept tensor, in 8-bit steps");
        Assert.That(maps.LayerShape, Is.EqualTo(t.Shape));
    }
}
