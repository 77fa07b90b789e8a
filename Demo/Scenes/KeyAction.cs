using Vision.Engine.Core;
using Vision.Engine.Scenes;

namespace Vision.Demo.Scenes;

/// <summary>Calls <see cref="Action"/> when <see cref="Key"/> is pressed (the demo's screenshot key).</summary>
public sealed class KeyAction : Component
{
    public Key Key { get; set; } = Key.S;
    public Action? Action { get; set; }

    protected override void Update()
    {
        if (Input.WasKeyPressed(Key)) Action?.Invoke();
    }
}
