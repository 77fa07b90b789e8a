using System.Numerics;
using OpenCvSharp;
using Vision.Engine.Core;
using Vision.Engine.Rendering;
using Vision.Engine.Scenes;
using static Vision.Tests.Engine.HeadlessRun;

namespace Vision.Tests.Engine;

/// <summary>Draws known sprites, cubes and text headless (EGL + FBO, llvmpipe) and checks pixels read back.</summary>
[NonParallelizable]
public sealed class HeadlessRenderTests
{
    private const int W = 128, H = 96;

    /// <summary>An orthographic camera at z = 10 showing one world unit per pixel, origin at the image centre.</summary>
    private static void PixelCamera(Scene scene, Vector4 clear)
    {
        var go = scene.CreateObject("Camera");
        go.Transform.Position = new Vector3(0, 0, 10);
        var cam = go.AddComponent<Camera>();
        cam.Projection = ProjectionKind.Orthographic;
        cam.OrthographicSize = H / 2f;
        cam.ClearColor = clear;
    }

    private static GameObject Sprite(Scene scene, string name, Vector3 position, float size, Vector4 color, string? texture = null)
    {
        var go = scene.CreateObject(name);
        go.Transform.Position = position;
        go.Transform.Scale = new Vector3(size, size, 1);
        var s = go.AddComponent<SpriteRenderer>();
        s.Color = color;
        s.TexturePath = texture;
        return go;
    }

    // World (x, y) to the pixel whose centre it is, for PixelCamera (rows counted from the top).
    private static (int X, int Y) Px(float x, float y) => ((int)MathF.Floor(x + W / 2f), (int)MathF.Floor(H / 2f - y));

    [Test]
    public void SpritesAreTintedTexturedAndAlphaBlended()
    {
        using var frame = LastFrame(W, H, scene =>
        {
            PixelCamera(scene, new Vector4(0, 0, 0, 1));
            Sprite(scene, "red", new Vector3(-30, 0, 0), 20, new Vector4(1, 0, 0, 1));
            Sprite(scene, "blue", new Vector3(30, 0, 0), 20, new Vector4(0, 0, 1, 1));
            Sprite(scene, "green over blue", new Vector3(30, 0, 1), 20, new Vector4(0, 1, 0, 0.5f));
            Sprite(scene, "checker", new Vector3(0, 30, 0), 32, Vector4.One, BuiltinTextures.CheckerName);
        });

        var (rx, ry) = Px(-30, 0);
        Assert.That(Bgr(frame, rx, ry), Is.EqualTo((0, 0, 255)), "opaque red sprite");
        var (bx, by) = Px(30, 0);
        var blended = Bgr(frame, bx, by);
        Assert.That(blended.B, Is.InRange(124, 131), "half green over blue keeps half the blue");
        Assert.That(blended.G, Is.InRange(124, 131), "and adds half the green");
        Assert.That(blended.R, Is.Zero);
        Assert.That(Bgr(frame, 2, 2), Is.EqualTo((0, 0, 0)), "the clear colour outside the sprites");
        // The checker's bottom-left square is white, its right neighbour grey (110): squares are 4 pixels here.
        var (cx, cy) = Px(-13.5f, 15.5f);
        Assert.That(Bgr(frame, cx, cy), Is.EqualTo((255, 255, 255)));
        Assert.That(Bgr(frame, cx + 4, cy), Is.EqualTo((110, 110, 110)));
        Assert.That(Bgr(frame, cx, cy - 4), Is.EqualTo((110, 110, 110)), "the square above is grey too");
    }

    private static void PerspectiveCamera(Scene scene)
    {
        var go = scene.CreateObject("Camera");
        go.Transform.Position = new Vector3(0, 0, 3);
        var cam = go.AddComponent<Camera>();
        cam.FieldOfView = 60;
        cam.ClearColor = new Vector4(0, 0, 0, 1);
    }

    [Test]
    public void ACubeFillsTheMiddleAndIsLitPerFace()
    {
        using var flat = LastFrame(W, H, scene =>
        {
            PerspectiveCamera(scene);
            var mr = scene.CreateObject("cube").AddComponent<MeshRenderer>();
            mr.Color = new Vector4(1, 0, 0, 1);
            mr.Lit = false;
        });
        Assert.That(Bgr(flat, W / 2, H / 2), Is.EqualTo((0, 0, 255)), "the front face, unlit, is pure red");
        Assert.That(Bgr(flat, 3, 3), Is.EqualTo((0, 0, 0)), "the corner shows the clear colour");
        // The front face (z = 0.5, 2.5 from the camera) spans 0.2 / tan(30 deg) = 35% of the height: rows 31..64.
        Assert.That(Bgr(flat, W / 2, 34).R, Is.EqualTo(255));
        Assert.That(Bgr(flat, W / 2, 27).R, Is.Zero);

        using var lit = LastFrame(W, H, scene =>
        {
            PerspectiveCamera(scene);
            var cube = scene.CreateObject("cube");
            cube.Transform.SetEulerAngles(new Vector3(0, 45, 0));
            cube.AddComponent<MeshRenderer>().Color = new Vector4(1, 0, 0, 1);
        });
        var left = Bgr(lit, W / 2 - 12, H / 2);
        var right = Bgr(lit, W / 2 + 12, H / 2);
        Assert.That(left.R, Is.GreaterThan(60));
        Assert.That(right.R, Is.GreaterThan(60));
        Assert.That(Math.Abs(left.R - right.R), Is.GreaterThan(10), $"two faces facing different ways are shaded differently ({left} vs {right})");
        Assert.That(left.G + left.B + right.G + right.B, Is.Zero, "lighting scales the red tint only");
    }

    [Test]
    public void ATexturedCubeShowsTheChecker()
    {
        using var frame = LastFrame(W, H, scene =>
        {
            PerspectiveCamera(scene);
            var mr = scene.CreateObject("cube").AddComponent<MeshRenderer>();
            mr.TexturePath = BuiltinTextures.CheckerName;
            mr.Lit = false;
        });
        var values = new HashSet<int>();
        for (int x = 52; x < 76; x++) values.Add(Bgr(frame, x, H / 2).G);
        Assert.That(values, Does.Contain(255).And.Contain(110), "white and grey squares across the front face");
    }

    [Test]
    public void HudTextIsDrawnWhereAsked()
    {
        int cellW = 0, cellH = 0;
        using var frame = LastFrame(W, H, scene =>
        {
            var hud = scene.CreateObject("hud").AddComponent<TextRenderer>();
            hud.Text = "HELLO";
            hud.Position = new Vector2(4, 10);
            hud.PixelScale = 1;
            hud.Color = new Vector4(1, 1, 0, 1);
        }, configure: app =>
        {
            var font = BitmapFont.Default(app.Device);
            (cellW, cellH) = (font.CellWidth, font.CellHeight);
        });

        int inside = 0, outside = 0;
        for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++)
        {
            var (b, g, r) = Bgr(frame, x, y);
            if (r + g + b == 0) continue;
            bool inBox = x >= 2 && x < 4 + 5 * cellW && y >= 8 && y < 10 + cellH;   // 2 px slack for anti-aliasing
            if (inBox) inside++; else outside++;
            Assert.That(b, Is.Zero, "yellow text has no blue");
        }
        Assert.That(inside, Is.GreaterThan(40), "five glyphs leave ink in their cells");
        Assert.That(outside, Is.Zero, "and nowhere else");
    }

    [Test]
    public void ScreenshotAndRecordingWriteFilesThatReadBack()
    {
        string dir = Path.Combine(Path.GetTempPath(), "vision-engine-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            string png = Path.Combine(dir, "shot.png"), avi = Path.Combine(dir, "clip.avi");
            using var frame = LastFrame(W, H, scene =>
            {
                PixelCamera(scene, new Vector4(0, 0, 0, 1));
                Sprite(scene, "red", new Vector3(-30, 10, 0), 20, new Vector4(1, 0, 0, 1));
            }, frames: 10, configure: app =>
            {
                app.RequestScreenshot(png);
                app.StartRecording(avi, 30);
            });

            using var shot = Cv2.ImRead(png);
            Assert.That(shot.Size(), Is.EqualTo(new Size(W, H)));
            var (x, y) = Px(-30, 10);
            Assert.That(Bgr(shot, x, y), Is.EqualTo((0, 0, 255)), "the PNG is upright (flipped from GL's bottom-up rows)");
            Assert.That(Bgr(shot, x, H - 1 - y), Is.EqualTo((0, 0, 0)));

            using var video = new VideoCapture(avi);
            Assert.That(video.IsOpened(), Is.True);
            int n = 0;
            using var m = new Mat();
            while (video.Read(m) && !m.Empty())
            {
                n++;
                Assert.That(Bgr(m, x, y).R, Is.GreaterThan(200), "MJPG keeps the red sprite");
            }
            Assert.That(n, Is.EqualTo(10));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    [Test]
    public void AMissingTextureFileIsLoggedOnceAndTheLoopGoesOn()
    {
        var messages = new List<string>();
        using var app = new Application(new ApplicationOptions { Headless = true, Width = 32, Height = 32, MaxFrames = 5 });
        app.Scene.Log = messages.Add;
        PerspectiveCamera(app.Scene);
        app.Scene.CreateObject("box").AddComponent<MeshRenderer>().TexturePath = "/nonexistent/texture.png";
        app.Run();
        Assert.That(app.Scene.Time.FrameCount, Is.EqualTo(5));
        Assert.That(messages, Has.Count.EqualTo(1));
        Assert.That(messages[0], Does.Contain("MeshRenderer.OnRender").And.Contain("'box'").And.Contain("/nonexistent/texture.png"));
    }
}
