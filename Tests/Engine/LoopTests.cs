using System.Diagnostics;
using Vision.Engine.Core;
using Vision.Engine.Scenes;

namespace Vision.Tests.Engine;

/// <summary>The loop headless: frame cap by sleeping, fixed steps, input edges, quitting on Esc or after N frames.</summary>
[NonParallelizable]
public sealed class LoopTests
{
    private sealed class Counter : Component
    {
        public int Fixed, Updates;
        public double DeltaSum;
        public Action<Counter>? OnUpdate;

        protected override void FixedUpdate() => Fixed++;

        protected override void Update()
        {
            Updates++;
            DeltaSum += Time.DeltaTime;
            OnUpdate?.Invoke(this);
        }
    }

    [Test]
    public void TheFrameCapSleepsInsteadOfSpinningAndFixedStepsKeepTheirOwnRate()
    {
        using var app = new Application(new ApplicationOptions { Headless = true, Width = 32, Height = 32, MaxFrames = 12, TargetFps = 25, FixedDeltaTime = 0.01f });
        var counter = app.Scene.CreateObject("counter").AddComponent<Counter>();
        // CPU time of this (the loop's) thread only: the process total also counts llvmpipe's, the GC's and other
        // tests' threads, which say nothing about whether the cap sleeps or spins, and swell on a busy machine.
        var cpu = ThreadCpuTime();
        var wall = Stopwatch.StartNew();
        app.Run();
        wall.Stop();
        cpu = ThreadCpuTime() - cpu;

        Assert.That(counter.Updates, Is.EqualTo(12));
        Assert.That(wall.Elapsed.TotalMilliseconds, Is.GreaterThan(11 * 40 * 0.95), "12 frames at 25 fps take 11 frame intervals");
        Assert.That(cpu.TotalMilliseconds, Is.LessThan(wall.Elapsed.TotalMilliseconds * 0.6), $"a sleeping cap leaves the CPU idle (cpu {cpu.TotalMilliseconds:F0} ms of {wall.Elapsed.TotalMilliseconds:F0} ms)");
        int expected = (int)(counter.DeltaSum / 0.01);
        Assert.That(counter.Fixed, Is.InRange(expected - 1, expected + 1), $"one FixedUpdate per 10 ms of game time ({counter.DeltaSum:F3} s)");
        Assert.That(app.Scene.Time.Fps, Is.LessThanOrEqualTo(27), "the cap holds the rate at 25 fps");
    }

    /// <summary>utime + stime of the calling thread from /proc/thread-self/stat (clock ticks of 10 ms).</summary>
    private static TimeSpan ThreadCpuTime()
    {
        string stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        long ticks = long.Parse(fields[11]) + long.Parse(fields[12]);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    [Test]
    public void EscapeQuitsAtTheEndOfTheFrameThatSeesIt()
    {
        using var app = new Application(new ApplicationOptions { Headless = true, Width = 32, Height = 32 });
        var counter = app.Scene.CreateObject("counter").AddComponent<Counter>();
        counter.OnUpdate = c =>
        {
            if (c.Time.FrameCount == 3) c.Input.Simulate(Key.Escape, true);   // latched at the next frame's poll
        };
        app.Run();
        Assert.That(app.Scene.Time.FrameCount, Is.EqualTo(4));
        Assert.That(app.Scene.Objects, Is.Empty, "shutdown destroys the scene");
    }

    [Test]
    public void InputReportsPressAndReleaseEdgesOncePerPoll()
    {
        var input = new Input();
        input.Simulate(Key.Space, true);
        input.Simulate(MouseButton.Left, true);
        input.Latch();
        Assert.That((input.IsKeyDown(Key.Space), input.WasKeyPressed(Key.Space), input.WasMousePressed(MouseButton.Left)), Is.EqualTo((true, true, true)));
        input.Latch();
        Assert.That((input.IsKeyDown(Key.Space), input.WasKeyPressed(Key.Space), input.IsMouseDown(MouseButton.Left)), Is.EqualTo((true, false, true)));
        input.Simulate(Key.Space, false);
        input.Latch();
        Assert.That((input.IsKeyDown(Key.Space), input.WasKeyReleased(Key.Space)), Is.EqualTo((false, true)));
    }

    [Test]
    public void TheLoopDoesNotAllocatePerFrame()
    {
        using var app = new Application(new ApplicationOptions { Headless = true, Width = 64, Height = 64, MaxFrames = 200 });
        TestScenes.CubeOnPlane(app.Scene);
        long before = 0, after = 0;
        app.FrameRendered += a =>
        {
            // Frames 101..200 of a cube, a plane and a changing FPS line, after warm-up (shaders, buffers, JIT).
            if (a.Scene.Time.FrameCount == 100) before = GC.GetAllocatedBytesForCurrentThread();
            if (a.Scene.Time.FrameCount == 200) after = GC.GetAllocatedBytesForCurrentThread();
        };
        app.Run();
        long perFrame = (after - before) / 100;
        Assert.That(perFrame, Is.LessThan(64), $"{perFrame} bytes allocated per frame");
    }
}
