using Vision.Engine.Scenes;

namespace Vision.Components;

/// <summary>Finds the component a vision component works with: on a named object, else on its own object, else the scene's first.</summary>
internal static class ComponentLookup
{
    public static T Find<T>(Component self, string? objectName) where T : class
    {
        var scene = self.Scene ?? throw new InvalidOperationException($"{self} is not in a scene");
        if (objectName != null)
            return scene.Find(objectName)?.GetComponent<T>()
                   ?? throw new InvalidOperationException($"{self}: no object '{objectName}' with a {typeof(T).Name} in the scene");
        return self.GameObject.GetComponent<T>() ?? scene.FindComponent<T>()
               ?? throw new InvalidOperationException($"{self}: no {typeof(T).Name} in the scene; add one");
    }
}
