using System.Numerics;

namespace Vision.Engine.Core;

/// <summary>
/// Keyboard and mouse state, polled once per frame, so every component sees the same state during a frame.
/// Headless runs have no devices; tests drive it with <see cref="Simulate(Key, bool)"/>.
/// </summary>
public sealed class Input
{
    private const int KeySlots = 349;   // GLFW_KEY_LAST + 1
    private const int ButtonSlots = 8;
    private static readonly Key[] AllKeys = Enum.GetValues<Key>();

    private readonly bool[] _keys = new bool[KeySlots];
    private readonly bool[] _previousKeys = new bool[KeySlots];
    private readonly bool[] _pending = new bool[KeySlots];
    private readonly bool[] _buttons = new bool[ButtonSlots];
    private readonly bool[] _previousButtons = new bool[ButtonSlots];
    private readonly bool[] _pendingButtons = new bool[ButtonSlots];
    private Vector2 _pendingMouse;

    /// <summary>Cursor position in window pixels, origin top-left.</summary>
    public Vector2 MousePosition { get; private set; }

    public bool IsKeyDown(Key key) => _keys[(int)key];
    public bool WasKeyPressed(Key key) => _keys[(int)key] && !_previousKeys[(int)key];
    public bool WasKeyReleased(Key key) => !_keys[(int)key] && _previousKeys[(int)key];
    public bool IsMouseDown(MouseButton button) => _buttons[(int)button];
    public bool WasMousePressed(MouseButton button) => _buttons[(int)button] && !_previousButtons[(int)button];

    /// <summary>Sets a key's state for the next poll (headless runs, tests).</summary>
    public void Simulate(Key key, bool down) => _pending[(int)key] = down;
    public void Simulate(MouseButton button, bool down) => _pendingButtons[(int)button] = down;
    public void SimulateMouse(Vector2 position) => _pendingMouse = position;

    /// <summary>Polls a window's devices (keys, buttons, cursor) into the pending state, then latches it.</summary>
    internal void Poll(Func<int, bool>? keyDown, Func<int, bool>? buttonDown, Vector2? cursor)
    {
        if (keyDown != null)
            foreach (var k in AllKeys) _pending[(int)k] = keyDown((int)k);
        if (buttonDown != null)
            for (int b = 0; b < 3; b++) _pendingButtons[b] = buttonDown(b);
        if (cursor is { } c) _pendingMouse = c;
        Latch();
    }

    /// <summary>Makes the pending state current; the old current state becomes "previous" for pressed/released edges.</summary>
    public void Latch()
    {
        Array.Copy(_keys, _previousKeys, KeySlots);
        Array.Copy(_pending, _keys, KeySlots);
        Array.Copy(_buttons, _previousButtons, ButtonSlots);
        Array.Copy(_pendingButtons, _buttons, ButtonSlots);
        MousePosition = _pendingMouse;
    }
}
