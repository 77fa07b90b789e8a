using OpenCvSharp;

namespace Vision.Demo.Bench;

/// <summary>Draws the per-backend comparison: one bar per backend at its median, whiskers from p10 to p90.</summary>
public static class BenchPlot
{
    public static void Write(string file, string title, IReadOnlyList<BenchResult> results)
    {
        var ok = results.Where(r => r.Error == null).ToList();
        const int width = 960, rowHeight = 56, left = 110, right = 250, top = 60;
        int height = top + rowHeight * Math.Max(ok.Count, 1) + 50;
        using var image = new Mat(height, width, MatType.CV_8UC3, Scalar.White);
        Cv2.PutText(image, title, new Point(12, 32), HersheyFonts.HersheySimplex, 0.7, Scalar.Black, 2, LineTypes.AntiAlias);
        double max = ok.Count == 0 ? 1 : ok.Max(r => r.P90Ms) * 1.05;
        int plotWidth = width - left - right;
        int X(double ms) => left + (int)Math.Round(ms / max * plotWidth);
        var colours = new[] { new Scalar(200, 120, 40), new Scalar(60, 160, 60), new Scalar(40, 90, 220), new Scalar(130, 130, 130), new Scalar(160, 60, 160) };
        for (int i = 0; i < ok.Count; i++)
        {
            var r = ok[i];
            int y = top + i * rowHeight;
            Cv2.PutText(image, r.Backend, new Point(12, y + 32), HersheyFonts.HersheySimplex, 0.7, Scalar.Black, 2, LineTypes.AntiAlias);
            Cv2.Rectangle(image, new Point(left, y + 10), new Point(X(r.MedianMs), y + rowHeight - 10), colours[i % colours.Length], -1);
            int mid = y + rowHeight / 2;
            Cv2.Line(image, new Point(X(r.P10Ms), mid), new Point(X(r.P90Ms), mid), Scalar.Black, 2);
            Cv2.Line(image, new Point(X(r.P10Ms), mid - 8), new Point(X(r.P10Ms), mid + 8), Scalar.Black, 2);
            Cv2.Line(image, new Point(X(r.P90Ms), mid - 8), new Point(X(r.P90Ms), mid + 8), Scalar.Black, 2);
            string label = $"{r.MedianMs:0.00} ms" + (r.RatioToOrt is { } q ? $"  {q:0.0}x ORT" : "");
            Cv2.PutText(image, label, new Point(X(r.P90Ms) + 8, mid + 6), HersheyFonts.HersheySimplex, 0.55, Scalar.Black, 1, LineTypes.AntiAlias);
        }
        int axisY = top + rowHeight * Math.Max(ok.Count, 1) + 10;
        Cv2.Line(image, new Point(left, axisY), new Point(left + plotWidth, axisY), Scalar.Black, 1);
        Cv2.PutText(image, "0", new Point(left - 4, axisY + 22), HersheyFonts.HersheySimplex, 0.5, Scalar.Black, 1, LineTypes.AntiAlias);
        Cv2.PutText(image, $"{max:0.#} ms (median, p10-p90)", new Point(left + plotWidth - 120, axisY + 22), HersheyFonts.HersheySimplex, 0.5, Scalar.Black, 1, LineTypes.AntiAlias);
        if (!Cv2.ImWrite(file, image)) throw new IOException($"could not write the plot to '{file}'.");
    }
}
