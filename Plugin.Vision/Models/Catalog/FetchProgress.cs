namespace Vision.Models.Catalog;

/// <summary>
/// Progress of a fetch, for a progress bar: the stage ("npm pack", "extract", "verify", "done"), the package or file it
/// concerns, and bytes done of total (total 0 while unknown, e.g. while npm downloads).
/// </summary>
public readonly record struct FetchProgress(string Stage, string Item, long Done, long Total);
