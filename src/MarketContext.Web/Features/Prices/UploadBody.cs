using System.Globalization;

namespace MarketContext.Web.Features.Prices;

/// <summary>
/// An upload's request body as it arrives: counts the bytes taken (the progress the uploader sees) and refuses with
/// a 413 the first byte past the limit, so that a body without a length, or a server that does not bound bodies
/// itself, is stopped while it streams rather than after.
/// </summary>
public sealed class UploadBody(Stream body, long limit) : Stream
{
    public long BytesRead { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override int Read(byte[] buffer, int offset, int count) => Count(body.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Count(body.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await body.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Count(int read)
    {
        BytesRead += read;
        if (BytesRead > limit)
        {
            throw new BadHttpRequestException(string.Create(CultureInfo.InvariantCulture, $"The upload is larger than {limit} bytes."),
                StatusCodes.Status413PayloadTooLarge);
        }
        return read;
    }
}

/// <summary>An import's progress told in bytes of the upload (its request body), which is what the uploader's bar measures.</summary>
public sealed class UploadProgress(IProgress<ImportProgress> watchers, UploadBody body, long? totalBytes) : IProgress<ImportProgress>
{
    public void Report(ImportProgress value) => watchers.Report(value with { Bytes = body.BytesRead, TotalBytes = totalBytes });
}
