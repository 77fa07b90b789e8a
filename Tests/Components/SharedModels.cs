namespace Vision.Tests.Components;

/// <summary>The development models and images in ../shared/models (beside the repository); tests skip when absent.</summary>
public static class SharedModels
{
    public static string Dir
    {
        get
        {
            string root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "shared", "models"));
            if (!Directory.Exists(root)) Assert.Ignore($"{root} is absent: the shared development models are not on this machine");
            return root;
        }
    }

    public static string File(string relative)
    {
        string path = Path.Combine(Dir, relative);
        if (!System.IO.File.Exists(path)) Assert.Ignore($"{path} is absent");
        return path;
    }
}
