using OpenCvSharp;
using Vision.Components;

namespace Vision.Tests.Components;

[NonParallelizable]
public sealed class CameraSourceTests
{
    /// <summary>Gives <c>good</c> frames, then fails every read; opens fail after the first.</summary>
    private sealed class FailingReader(int good, Func<int> opens) : IFrameReader
    {
        private int _read;
        public double Fps => 0;
        public string Description => "fake camera";

        public bool Open(out string problem)
        {
            problem = "fake camera unplugged";
            return opens() == 1;
        }

        public bool Read(Mat frame)
        {
            if (_read++ >= good) return false;
            using var m = new Mat(48, 64, MatType.CV_8UC3, new Scalar(0, 0, 255));
            m.CopyTo(frame);
            Thread.Sleep(5);
            return true;
        }

        public bool Rewind() => false;
        public void Dispose() { }
    }

    [Test]
    public void ACameraThatFailsMidRunKeepsTheLoopRunningAndRetries()
    {
        int opens = 0;
        CameraSource? cam = null;
        bool sawLost = false, hadTexture = false;
        using var app = VisionRun.Until(scene =>
        {
            cam = scene.CreateObject("Input").AddComponent<CameraSource>();
            cam.InputPath = "fake";
            cam.Fallback = null;
            cam.RetrySeconds = 0.05f;
            cam.DrawOnScreen = true;
            cam.Log = _ => { };
            cam.ReaderFactory = _ => new FailingReader(3, () => Interlocked.Increment(ref opens));
            scene.CreateObject("HUD").AddComponent<StatsHud>();
        }, a =>
        {
            sawLost |= !cam!.IsLive && cam.Version > 0;
            hadTexture = cam.Texture != null;
            return sawLost && Volatile.Read(ref opens) >= 3 && a.Scene.Time.FrameCount > 10;
        }, maxFrames: 2000);

        Assert.That(app.Scene.ErrorCount, Is.Zero, "no component threw");
        Assert.That(cam!.Version, Is.GreaterThan(0), "frames arrived before the failure");
        Assert.That(cam.IsLive, Is.False);
        Assert.That(cam.Status, Does.Contain("retrying"), "the status says what happened");
        Assert.That(opens, Is.GreaterThanOrEqualTo(3), "reconnection is retried");
        Assert.That(hadTexture, Is.True, "the last frame stays");
    }

    [Test]
    public void AMissingInputFallsBackToTheSampleWithAMessage()
    {
        string image = SharedModels.File("images/digit_four.jpg");
        var log = new List<string>();
        CameraSource? cam = null;
        int width = 0;
        using var app = VisionRun.Until(scene =>
        {
            cam = scene.CreateObject("Input").AddComponent<CameraSource>();
            cam.InputPath = "/nonexistent/video.avi";
            cam.Fallback = image;
            cam.Log = m => { lock (log) log.Add(m); };
        }, _ => cam!.Version > 0, atEnd: _ => width = cam!.Texture!.Width);

        Assert.That(cam!.ActiveInput, Is.EqualTo(image));
        Assert.That(width, Is.EqualTo(256));
        lock (log) Assert.That(log, Has.Some.Contains("using the sample input"));
    }

    [Test]
    public void RecordedInputDeliversEveryFrameInOrderWhenNotRealTime()
    {
        string folder = Path.Combine(Path.GetTempPath(), "vision-frames-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            for (int i = 0; i < 5; i++)
            {
                using var m = new Mat(16, 16, MatType.CV_8UC3, new Scalar(i * 50, 0, 0));
                Cv2.ImWrite(Path.Combine(folder, $"{i}.png"), m);
            }
            CameraSource? cam = null;
            using var app = VisionRun.Until(scene =>
            {
                cam = scene.CreateObject("Input").AddComponent<CameraSource>();
                cam.InputPath = folder;
                cam.RealTime = false;
                cam.Loop = false;
                cam.Log = _ => { };
            }, _ => cam!.Version >= 5);
            Assert.That(cam!.FramesDropped, Is.Zero, "nothing dropped when not real time");
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }
}
