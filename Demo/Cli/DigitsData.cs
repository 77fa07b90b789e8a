using OpenCvSharp;
using Vision.Training;

namespace Vision.Demo.Cli;

/// <summary>
/// opencv-doc's digits.png: 5000 handwritten digits in 20x20 cells, 50 rows x 100 columns, 5 rows per digit. The left
/// 80 columns train (4000), the right 20 test (1000). Each cell is centred in 28x28 (as MNIST centres its 20x20 digits)
/// and scaled to [0, 1].
/// </summary>
public static class DigitsData
{
    public const string DefaultPath = "/usr/share/doc/opencv-doc/examples/data/digits.png";
    public const int Cell = 20, Size = 28, Rows = 50, Columns = 100, TrainColumns = 80;

    public static (Dataset Train, Dataset Test) Load(string path = DefaultPath)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"digits image '{path}' not found: install opencv-doc (./vision installs it) or pass --data PATH.");
        using var image = Cv2.ImRead(path, ImreadModes.Grayscale);
        if (image.Empty() || image.Rows != Rows * Cell || image.Cols != Columns * Cell)
            throw new IOException($"'{path}' is not the {Columns * Cell}x{Rows * Cell} digits sheet (got {image.Cols}x{image.Rows}).");
        image.GetArray(out byte[] pixels);
        var names = Enumerable.Range(0, 10).Select(d => d.ToString()).ToArray();
        return (Slice(pixels, 0, TrainColumns, names), Slice(pixels, TrainColumns, Columns, names));
    }

    private static Dataset Slice(byte[] pixels, int firstColumn, int endColumn, string[] names)
    {
        int count = Rows * (endColumn - firstColumn), offset = (Size - Cell) / 2;
        var images = new float[count * Size * Size];
        var labels = new int[count];
        int n = 0;
        for (int row = 0; row < Rows; row++)
            for (int col = firstColumn; col < endColumn; col++, n++)
            {
                labels[n] = row / 5;
                for (int y = 0; y < Cell; y++)
                    for (int x = 0; x < Cell; x++)
                        images[n * Size * Size + (y + offset) * Size + x + offset] = pixels[(row * Cell + y) * Columns * Cell + col * Cell + x] / 255f;
            }
        return new Dataset(images, labels, 1, Size, Size, names);
    }
}
