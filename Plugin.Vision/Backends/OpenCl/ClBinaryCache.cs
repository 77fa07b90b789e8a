using System.Security.Cryptography;
using System.Text;

namespace Vision.Backends.OpenCl;

/// <summary>
/// Program binaries on disk (clGetProgramInfo BINARIES, reloaded with clCreateProgramWithBinary) so a fresh process skips
/// the OpenCL C front end. Files live in <c>$VISION_CACHE_DIR/cl</c> (default <c>~/.cache/vision/cl</c>), named by a
/// hash of the device, driver, build options and full source; a missing, unreadable or rejected file means a normal build.
/// </summary>
internal static class ClBinaryCache
{
    public static string Directory
    {
        get
        {
            string? root = Environment.GetEnvironmentVariable("VISION_CACHE_DIR");
            if (string.IsNullOrEmpty(root))
            {
                string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
                root = Path.Combine(string.IsNullOrEmpty(xdg) ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache") : xdg, "vision");
            }
            return Path.Combine(root, "cl");
        }
    }

    public static string Key(string device, string options, string source)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(device + "\n" + options + "\n" + source));
        return Convert.ToHexString(hash, 0, 16).ToLowerInvariant();
    }

    public static byte[]? TryRead(string key)
    {
        try
        {
            string file = Path.Combine(Directory, key + ".bin");
            return File.Exists(file) ? File.ReadAllBytes(file) : null;
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    /// <summary>Writes atomically (temp file, then rename); a read-only cache is not an error.</summary>
    public static void TryWrite(string key, byte[] binary)
    {
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            string file = Path.Combine(Directory, key + ".bin");
            string temp = file + "." + Environment.ProcessId + ".tmp";
            File.WriteAllBytes(temp, binary);
            File.Move(temp, file, overwrite: true);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
