namespace Vision.Engine.Rendering;

public enum ProjectionKind
{
    Perspective,
    Orthographic,
}
