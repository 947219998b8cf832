using System.Security.Cryptography;

namespace MarketContext.Web.Features.Prices;

/// <summary>
/// Reads through to another stream and hashes every byte on the way (SHA-256): the hash of an upload that is never
/// held whole, known once it has been read to its end.
/// </summary>
internal sealed class HashingStream(Stream inner) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>The hash in lower-case hex, after reading what the reader left to the end.</summary>
    public string Finish()
    {
        var rest = new byte[81920];
        while (Read(rest, 0, rest.Length) > 0)
        {
        }
        return Convert.ToHexStringLower(_hash.GetHashAndReset());
    }

    /// <summary>The SHA-256 of what is left of a stream that can seek, which is then put back where it was.</summary>
    public static string Of(Stream seekable)
    {
        var position = seekable.Position;
        var hash = Convert.ToHexStringLower(SHA256.HashData(seekable));
        seekable.Position = position;
        return hash;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        _hash.AppendData(buffer[..read]);
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        _hash.AppendData(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => throw new NotSupportedException();
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
        }
        base.Dispose(disposing);
    }
}

/// <summary>
/// The SHA-256 of rows a source handed over already parsed (no file to hash): each bar as a CSV line
/// (<c>date,open,high,low,close,adj_close,volume</c>, invariant numbers, empty for none).
/// </summary>
internal sealed class RowHash
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public void Add(PriceBar bar) => _hash.AppendData(System.Text.Encoding.UTF8.GetBytes(string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{bar.Date:yyyy-MM-dd},{bar.Open},{bar.High},{bar.Low},{bar.Close},{bar.AdjClose},{bar.Volume}\n")));

    public string Finish()
    {
        using (_hash)
        {
            return Convert.ToHexStringLower(_hash.GetHashAndReset());
        }
    }
}
