namespace Vision.Engine.Core;

/// <summary>Frame timing, advanced by the Application once per frame (or by a test driving a Scene by hand).</summary>
public sealed class Time
{
    private double _fpsWindowStart;
    private int _fpsWindowFrames;
    private bool _fpsWindowDone;

    /// <summary>Seconds since the previous frame (0 on the first frame), clamped to <see cref="MaxDeltaTime"/>.</summary>
    public float DeltaTime { get; private set; }

    /// <summary>Seconds since the loop started, at the start of this frame.</summary>
    public double TotalTime { get; private set; }

    /// <summary>Frames begun so far; 1 during the first frame.</summary>
    public long FrameCount { get; private set; }

    /// <summary>Frames per second over the last half second (over the frames so far during the first half second; 0 on frame 1).</summary>
    public float Fps { get; private set; }

    /// <summary>Step of FixedUpdate in seconds (default 1/50 s, as in Unity).</summary>
    public float FixedDeltaTime { get; set; } = 1f / 50f;

    /// <summary>A long stall (debugger, disk) is not replayed as a burst of fixed steps.</summary>
    public float MaxDeltaTime { get; set; } = 0.25f;

    /// <summary>Starts a frame at <paramref name="now"/> seconds (monotonic clock).</summary>
    public void BeginFrame(double now)
    {
        DeltaTime = FrameCount == 0 ? 0f : (float)Math.Min(now - TotalTime, MaxDeltaTime);
        if (FrameCount == 0) _fpsWindowStart = now;
        TotalTime = now;
        FrameCount++;
        _fpsWindowFrames++;
        double window = now - _fpsWindowStart;
        if (window >= 0.5)
        {
            Fps = (float)((_fpsWindowFrames - 1) / window);
            _fpsWindowStart = now;
            _fpsWindowFrames = 1;
            _fpsWindowDone = true;
        }
        else if (!_fpsWindowDone && window > 0)
        {
            Fps = (float)((_fpsWindowFrames - 1) / window);   // provisional until the first half second is over
        }
    }
}
