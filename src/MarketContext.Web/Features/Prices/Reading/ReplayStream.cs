namespace MarketContext.Web.Features.Prices.Reading;

/// <summary>Bytes already taken from a stream, then the rest of it: what a transcoder reads once the encoding is known.</summary>
public sealed class ReplayStream(byte[] prefix, Stream rest) : Stream
{
    private int _position;

    /// <summary>Bytes of the original stream handed out so far: progress against its length.</summary>
    public long Consumed { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => Consumed; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override int Read(byte[] buffer, int offset, int count)
    {
        int read;
        if (_position < prefix.Length)
        {
            read = Math.Min(count, prefix.Length - _position);
            Array.Copy(prefix, _position, buffer, offset, read);
            _position += read;
        }
        else
        {
            read = rest.Read(buffer, offset, count);
        }
        Consumed += read;
        return read;
    }
}
