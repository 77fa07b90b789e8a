using System.Diagnostics;
using System.Numerics;
using OpenCvSharp;
using Silk.NET.OpenGL;
using Vision.Engine.Capture;
using Vision.Engine.Graphics;
using Framebuffer = Vision.Engine.Graphics.Framebuffer;
using Vision.Engine.Platform;
using Vision.Engine.Rendering;
using Vision.Engine.Scenes;

namespace Vision.Engine.Core;

/// <summary>
/// Owns the GL context (a GLFW window, or EGL surfaceless rendering into a framebuffer object when headless) and runs
/// a <see cref="Scene"/>: poll input, fixed and variable updates, render, capture, present, drain queued GL deletes,
/// then sleep to the frame cap. Create, run and dispose it on one thread: the GL context is current there.
/// </summary>
public sealed class Application : IDisposable
{
    private readonly GlfwWindow? _window;
    private readonly Framebuffer? _offscreen;
    private readonly RenderContext _render;
    private readonly FrameGrabber _grabber = new();
    private readonly Func<int, bool>? _keyPoll;
    private readonly Func<int, bool>? _buttonPoll;
    private VideoRecorder? _recorder;
    private string? _screenshotPath;
    private bool _quit;
    private bool _disposed;

    public ApplicationOptions Options { get; }
    public IGraphicsContext Context { get; }
    public GraphicsDevice Device { get; }
    public Scene Scene { get; set; } = new();
    public bool IsHeadless => _window == null;

    /// <summary>Why a window was asked for but not opened (null when windowed as asked, or headless by choice).</summary>
    public string? FallbackReason { get; }

    public int Width { get; private set; }
    public int Height { get; private set; }
    /// <summary>Per-frame engine work: input, updates, render (finished), present; capture excluded.</summary>
    public FrameStats Stats { get; } = new();

    /// <summary>Per-frame capture cost: FrameRendered handlers, screenshots and recording (0 when nothing captures).</summary>
    public FrameStats CaptureStats { get; } = new();

    /// <summary>Raised after the scene has rendered and before the frame is presented: read or capture pixels here.</summary>
    public event Action<Application>? FrameRendered;

    public Application(ApplicationOptions? options = null)
    {
        Options = options ?? new ApplicationOptions();
        Width = Options.Width;
        Height = Options.Height;
        if (!Options.Headless)
        {
            _window = GlfwWindow.TryCreate(Width, Height, Options.Title, Options.VSync, out string? failure);
            if (_window == null)
            {
                FallbackReason = failure;
                Options.Log($"[engine] no window ({failure}); rendering headless instead");
            }
        }
        Context = _window ?? (IGraphicsContext)new EglContext();
        Device = new GraphicsDevice(Context);
        _render = new RenderContext(Device);
        if (_window != null)
        {
            (Width, Height) = _window.FramebufferSize;
            nint handle = _window.Handle;
            _keyPoll = key => Glfw.GetKey(handle, key) == Glfw.Press;
            _buttonPoll = button => Glfw.GetMouseButton(handle, button) == Glfw.Press;
        }
        else
        {
            _offscreen = Framebuffer.Create(Device, Width, Height);
        }
    }

    /// <summary>Ends the loop after the current frame.</summary>
    public void Quit() => _quit = true;

    /// <summary>Saves the next rendered frame to <paramref name="path"/> (PNG by extension).</summary>
    public void RequestScreenshot(string path) => _screenshotPath = path;

    /// <summary>Records every following frame to .avi (MJPG) or .mp4 (mp4v) until <see cref="StopRecording"/> or the end of Run.</summary>
    public void StartRecording(string path, double fps = 30)
    {
        _recorder?.Dispose();
        _recorder = new VideoRecorder(path, fps, Width, Height);
    }

    public int StopRecording()
    {
        int frames = _recorder?.FramesWritten ?? 0;
        _recorder?.Dispose();
        _recorder = null;
        return frames;
    }

    /// <summary>The frame just rendered as a BGR image, top row first (valid during <see cref="FrameRendered"/>; reused next call).</summary>
    public Mat ReadFrame() => _grabber.Read(Device, Width, Height);

    /// <summary>Runs frames until the window closes, Esc is pressed, MaxFrames is reached or Quit is called; then destroys the scene.</summary>
    public void Run()
    {
        Device.AssertOwnerThread("Application.Run");
        var scene = Scene;
        scene.Time.FixedDeltaTime = Options.FixedDeltaTime;
        var clock = Stopwatch.StartNew();
        double fixedAccumulator = 0;
        long tickFrequency = Stopwatch.Frequency;
        double targetTicks = Options.TargetFps > 0 && !(Options.VSync && _window != null) ? tickFrequency / Options.TargetFps : 0;
        _quit = false;

        while (!_quit)
        {
            long frameStart = clock.ElapsedTicks;
            scene.Time.BeginFrame((double)frameStart / tickFrequency);
            PollInput(scene.Input);

            scene.BeginFrame();
            fixedAccumulator += scene.Time.DeltaTime;
            for (int steps = 0; fixedAccumulator >= scene.Time.FixedDeltaTime && steps < 8; steps++)
            {
                scene.FixedUpdate();
                fixedAccumulator -= scene.Time.FixedDeltaTime;
            }
            scene.Update();
            scene.LateUpdate();
            RenderScene(scene);
            bool capturing = FrameRendered != null || _screenshotPath != null || _recorder != null;
            // Finish here so the render's cost lands in the frame time, not in the read-back that follows.
            if (capturing || _window == null) Device.Gl.Finish();
            long captureStart = clock.ElapsedTicks;
            if (capturing) Capture();
            long captureTicks = clock.ElapsedTicks - captureStart;
            if (_window != null) _window.SwapBuffers();
            scene.EndFrame();
            Device.DrainDeletions();

            // Frame time is the engine's work; capture (read-back, PNG/video encoding) is accounted separately.
            Stats.Add((clock.ElapsedTicks - frameStart - captureTicks) * 1000.0 / tickFrequency);
            CaptureStats.Add(captureTicks * 1000.0 / tickFrequency);
            if (Options.MaxFrames > 0 && scene.Time.FrameCount >= Options.MaxFrames) _quit = true;
            if (Options.QuitOnEscape && scene.Input.IsKeyDown(Key.Escape)) _quit = true;
            if (_window != null && _window.ShouldClose) _quit = true;

            if (targetTicks > 0 && !_quit)
            {
                // Frame cap by sleeping to the next frame's start; never a spin.
                double remaining = frameStart + targetTicks - clock.ElapsedTicks;
                if (remaining > 0) Thread.Sleep(TimeSpan.FromSeconds(remaining / tickFrequency));
            }
        }
        StopRecording();
        scene.DestroyAll();
        Device.DrainDeletions();
    }

    private void PollInput(Input input)
    {
        if (_window == null)
        {
            input.Latch();
            return;
        }
        _window.PollEvents();
        Glfw.GetCursorPos(_window.Handle, out double x, out double y);
        input.Poll(_keyPoll, _buttonPoll, new Vector2((float)x, (float)y));
    }

    private void RenderScene(Scene scene)
    {
        var gl = Device.Gl;
        if (_offscreen != null) _offscreen.Bind();
        else
        {
            gl.BindFramebuffer(FramebufferTarget.Framebuffer, 0);
            gl.Viewport(0, 0, (uint)Width, (uint)Height);
        }
        var camera = FindCamera(scene);
        _render.Begin(Width, Height, camera);
        var clear = camera?.ClearColor ?? new Vector4(0, 0, 0, 1);
        gl.ClearColor(clear.X, clear.Y, clear.Z, clear.W);
        gl.Enable(EnableCap.DepthTest);
        gl.DepthFunc(DepthFunction.Lequal);
        gl.DepthMask(true);
        gl.BlendFunc(BlendingFactor.SrcAlpha, BlendingFactor.OneMinusSrcAlpha);
        gl.Clear(ClearBufferMask.ColorBufferBit | ClearBufferMask.DepthBufferBit);
        Device.Check("glClear");
        scene.Render(_render);
    }

    private static Camera? FindCamera(Scene scene)
    {
        var objects = scene.Objects;
        for (int i = 0; i < objects.Count; i++)
        {
            var components = objects[i].Components;
            for (int j = 0; j < components.Count; j++)
                if (components[j] is Camera cam && cam.IsActiveAndEnabled) return cam;
        }
        return null;
    }

    private void Capture()
    {
        if (_window != null) Device.Gl.ReadBuffer(ReadBufferMode.Back);
        FrameRendered?.Invoke(this);
        if (_screenshotPath == null && _recorder == null) return;
        var frame = ReadFrame();
        if (_screenshotPath != null)
        {
            Screenshot.Save(frame, _screenshotPath);
            _screenshotPath = null;
        }
        _recorder?.Write(frame);
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _recorder?.Dispose();
        _grabber.Dispose();
        _offscreen?.Dispose();
        Device.Dispose();
        Context.Dispose();
    }
}
