using System.Buffers.Binary;

namespace MarketContext.TestSupport;

/// <summary>Reads a PNG's size straight from its bytes: the signature, then the IHDR chunk's big-endian width and height.</summary>
public static class Png
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static (int Width, int Height) Size(byte[] png)
    {
        Assert.True(png.Length > 24, $"A PNG is longer than {png.Length} bytes.");
        Assert.Equal(Signature, png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
    }
}
