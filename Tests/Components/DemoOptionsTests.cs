using Vision.Demo;

namespace Vision.Tests.Components;

/// <summary>The demo's command line: what --input accepts and what it refuses before anything starts.</summary>
public sealed class DemoOptionsTests
{
    [TestCase("0")]
    [TestCase("2")]
    [TestCase("rtsp://camera.local/stream")]
    public void CameraIndicesAndStreamUrlsAreTakenAsTheyAre(string input) =>
        Assert.That(DemoOptions.Parse(["--input", input]).Input, Is.EqualTo(input));

    [Test]
    public void AnExistingFileOrFolderIsTaken()
    {
        string file = Path.GetTempFileName();
        try
        {
            Assert.That(DemoOptions.Parse(["--input", file]).Input, Is.EqualTo(file));
            Assert.That(DemoOptions.Parse(["--input", Path.GetTempPath()]).Input, Is.EqualTo(Path.GetTempPath()));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void AMissingPathIsRefusedInsteadOfFallingBackToTheSample()
    {
        var e = Assert.Throws<DemoOptionsException>(() => DemoOptions.Parse(["--input", "/no/such/clip.avi"]));
        Assert.That(e!.Message, Does.Contain("'/no/such/clip.avi': no such file or folder"));
    }
}
