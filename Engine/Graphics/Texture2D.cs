using OpenCvSharp;
using Silk.NET.OpenGL;

namespace Vision.Engine.Graphics;

/// <summary>An RGBA8 2D texture. Rows are uploaded bottom-first as GL expects; <see cref="FromImageFile"/> flips for you.</summary>
public sealed unsafe class Texture2D : GlResource
{
    public int Width { get; }
    public int Height { get; }
    private protected override GlObjectKind Kind => GlObjectKind.Texture;

    private Texture2D(GraphicsDevice device, uint handle, int width, int height) : base(device, handle)
    {
        Width = width;
        Height = height;
    }

    /// <summary>Creates a width x height RGBA8 texture, filled from <paramref name="rgba"/> when given (4 bytes per texel).</summary>
    public static Texture2D Create(GraphicsDevice device, int width, int height, ReadOnlySpan<byte> rgba = default, bool nearest = false)
    {
        device.AssertOwnerThread("Texture2D.Create");
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), $"texture size {width}x{height} must be positive");
        if (!rgba.IsEmpty && rgba.Length != width * height * 4)
            throw new ArgumentException($"{rgba.Length} bytes given for a {width}x{height} RGBA texture ({width * height * 4} needed)", nameof(rgba));
        var gl = device.Gl;
        uint handle = gl.GenTexture();
        var texture = new Texture2D(device, handle, width, height);
        try
        {
            gl.BindTexture(TextureTarget.Texture2D, handle);
            device.Check("glBindTexture");
            fixed (byte* p = rgba)
                gl.TexImage2D(TextureTarget.Texture2D, 0, InternalFormat.Rgba8, (uint)width, (uint)height, 0,
                    PixelFormat.Rgba, PixelType.UnsignedByte, rgba.IsEmpty ? null : p);
            device.Check("glTexImage2D");
            var filter = (int)(nearest ? GLEnum.Nearest : GLEnum.Linear);
            gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureMinFilter, filter);
            gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureMagFilter, filter);
            gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureWrapS, (int)GLEnum.ClampToEdge);
            gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureWrapT, (int)GLEnum.ClampToEdge);
            device.Check("glTexParameteri");
            return texture;
        }
        catch
        {
            texture.Dispose();
            throw;
        }
    }

    /// <summary>Replaces the whole image (RGBA8, bottom row first).</summary>
    public void SetData(ReadOnlySpan<byte> rgba)
    {
        ThrowIfDisposed();
        if (rgba.Length != Width * Height * 4)
            throw new ArgumentException($"{rgba.Length} bytes given for a {Width}x{Height} RGBA texture", nameof(rgba));
        var gl = Device.Gl;
        gl.BindTexture(TextureTarget.Texture2D, Handle);
        fixed (byte* p = rgba)
            gl.TexSubImage2D(TextureTarget.Texture2D, 0, 0, 0, (uint)Width, (uint)Height, PixelFormat.Rgba, PixelType.UnsignedByte, p);
        Device.Check("glTexSubImage2D");
    }

    /// <summary>Uploads an OpenCV image (BGR, BGRA or gray, top row first).</summary>
    public static Texture2D FromMat(GraphicsDevice device, Mat image, bool nearest = false)
    {
        using var rgba = new Mat();
        var code = image.Channels() switch
        {
            1 => ColorConversionCodes.GRAY2RGBA,
            3 => ColorConversionCodes.BGR2RGBA,
            4 => ColorConversionCodes.BGRA2RGBA,
            _ => throw new ArgumentException($"an image with {image.Channels()} channels cannot be a texture", nameof(image)),
        };
        Cv2.CvtColor(image, rgba, code);
        Cv2.Flip(rgba, rgba, FlipMode.X);
        var bytes = new byte[rgba.Width * rgba.Height * 4];
        System.Runtime.InteropServices.Marshal.Copy(rgba.Data, bytes, 0, bytes.Length);
        return Create(device, rgba.Width, rgba.Height, bytes, nearest);
    }

    public static Texture2D FromImageFile(GraphicsDevice device, string path)
    {
        using var image = Cv2.ImRead(path, ImreadModes.Unchanged);
        if (image.Empty()) throw new FileNotFoundException($"could not read an image from '{path}'", path);
        return FromMat(device, image);
    }

    public void Bind(int unit)
    {
        ThrowIfDisposed();
        Device.Gl.ActiveTexture(TextureUnit.Texture0 + unit);
        Device.Gl.BindTexture(TextureTarget.Texture2D, Handle);
    }
}
