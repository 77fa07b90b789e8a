namespace Vision.Engine.Core;

/// <summary>Mouse buttons; the values are GLFW's button numbers.</summary>
public enum MouseButton
{
    Left = 0,
    Right = 1,
    Middle = 2,
}
