using Silk.NET.OpenGL;
using Vision.Engine.Graphics;
using Framebuffer = Vision.Engine.Graphics.Framebuffer;
using Vision.Engine.Platform;

namespace Vision.Tests.Engine;

/// <summary>The GL wrappers: typed errors naming the call, info logs, and deletes queued from other threads.</summary>
[NonParallelizable]
public sealed class GlWrapperTests
{
    private const string Vertex = "#version 430 core\nlayout(location=0) in vec3 p; out vec3 v_color; void main() { v_color = p; gl_Position = vec4(p, 1); }";

    [Test]
    public void CompileFailureThrowsWithTheInfoLog()
    {
        using var ctx = new EglContext();
        using var device = new GraphicsDevice(ctx);
        var e = Assert.Throws<GlException>(() => ShaderProgram.Create(device, "broken", Vertex,
            "#version 430 core\nout vec4 o; void main() { o = vec4(undeclared, 1); }"))!;
        Assert.That(e.Call, Is.EqualTo("glCompileShader"));
        Assert.That(e.Message, Does.Contain("'broken'").And.Contain("undeclared"));
    }

    [Test]
    public void LinkFailureThrowsWithTheInfoLog()
    {
        // One uniform declared with two types in two stages: a link error on every driver (a fragment input the vertex
        // stage never writes is one on Mesa, but NVIDIA's linker accepts it).
        using var ctx = new EglContext();
        using var device = new GraphicsDevice(ctx);
        var e = Assert.Throws<GlException>(() => ShaderProgram.Create(device, "mismatch",
            "#version 430 core\nlayout(location=0) in vec3 p; uniform int u_clash; void main() { gl_Position = vec4(p * float(u_clash), 1); }",
            "#version 430 core\nuniform float u_clash; out vec4 o; void main() { o = vec4(u_clash); }"))!;
        Assert.That(e.Call, Is.EqualTo("glLinkProgram"));
        Assert.That(e.Message, Does.Contain("'mismatch'").And.Contain("u_clash"));
    }

    [Test]
    public void AFailedCallThrowsATypedExceptionNamingIt()
    {
        using var ctx = new EglContext();
        using var device = new GraphicsDevice(ctx);
        var e = Assert.Throws<GlException>(() => Texture2D.Create(device, 1 << 20, 1))!;
        Assert.That(e.Call, Is.EqualTo("glTexImage2D"));
        Assert.That(e.ErrorCode, Is.EqualTo(0x0501), e.Message);
        Assert.That(e.Message, Does.Contain("GL_INVALID_VALUE"));
        Assert.That(device.Gl.GetError(), Is.EqualTo(GLEnum.NoError), "the error was drained");
    }

    [Test]
    public void DisposeOffTheGlThreadQueuesTheDeleteAndIsIdempotent()
    {
        using var ctx = new EglContext();
        using var device = new GraphicsDevice(ctx);
        var texture = Texture2D.Create(device, 4, 4);
        var buffer = GpuBuffer.Create<float>(device, BufferTargetARB.ArrayBuffer, new float[] { 1, 2, 3 });
        var gl = device.Gl;
        Assert.That(gl.IsTexture(texture.Handle), Is.True);

        Task.Run(() => { texture.Dispose(); texture.Dispose(); buffer.Dispose(); }).Wait();
        Assert.That(device.Deletions.Count, Is.EqualTo(2), "two handles queued, the second Dispose a no-op");
        Assert.That(gl.IsTexture(texture.Handle), Is.True, "not deleted off the GL thread");

        Assert.That(device.DrainDeletions(), Is.EqualTo(2));
        Assert.That(gl.IsTexture(texture.Handle), Is.False);
        Assert.That(gl.IsBuffer(buffer.Handle), Is.False);
        texture.Dispose();
        Assert.That(device.Deletions.Count, Is.Zero);
    }

    [Test]
    public void DisposeOnTheGlThreadDeletesAtOnce()
    {
        using var ctx = new EglContext();
        using var device = new GraphicsDevice(ctx);
        var fb = Framebuffer.Create(device, 16, 16);
        uint color = fb.Color.Handle;
        fb.Dispose();
        Assert.That(device.Gl.IsFramebuffer(fb.Handle), Is.False);
        Assert.That(device.Gl.IsTexture(color), Is.False, "the framebuffer's attachments go with it");
        Assert.That(device.Deletions.Count, Is.Zero);
    }

    [Test]
    public void CreatingOffTheGlThreadIsRefused()
    {
        using var ctx = new EglContext();
        using var device = new GraphicsDevice(ctx);
        var e = Assert.ThrowsAsync<InvalidOperationException>(() => Task.Run(() => { Texture2D.Create(device, 1, 1); }))!;
        Assert.That(e.Message, Does.Contain("Texture2D.Create"));
    }

    [Test]
    public void AGlThreadDeletesWhatOtherThreadsDispose()
    {
        using var thread = new GlThread("test-gl");
        var texture = thread.Invoke(() => Texture2D.Create(thread.Device, 8, 8));
        Assert.That(thread.IsCurrentThread, Is.False);
        texture.Dispose();                                   // from the test thread: queued
        bool alive = thread.Invoke(() => thread.Device.Gl.IsTexture(texture.Handle));
        Assert.That(alive, Is.False, "drained by the GL thread before its next work item");
    }
}
