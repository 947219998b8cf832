using System.Runtime.CompilerServices;

namespace MarketContext.Web.Features.Prices.Reading;

/// <summary>
/// The lines of a stream, straight from its bytes: no string per line, a buffer that only grows for the sniffer's
/// prefix. Lines end in LF, CRLF or a lone CR; the last may have no ending.
/// </summary>
public sealed class LineSource(Stream stream)
{
    /// <summary>A line longer than this is not a price row: binary junk or a file with no line breaks.</summary>
    public const int MaxLineBytes = 64 * 1024;

    private const int InitialBufferBytes = 64 * 1024;

    private byte[] _buffer = new byte[InitialBufferBytes];
    private int _start;
    private int _end;
    private bool _endOfStream;

    /// <summary>The line the last line read came from (1-based, counting blank lines).</summary>
    public int Line { get; private set; }

    public long BytesRead { get; private set; }

    /// <summary>Set when a line was too long to be a price row; no more lines follow.</summary>
    public string? Failure { get; private set; }

    /// <summary>
    /// The first <paramref name="bytes"/> of what is left (fewer at the end of the stream), without consuming them:
    /// what the sniffer decides from. <paramref name="whole"/> says whether it is all there is.
    /// </summary>
    public ReadOnlySpan<byte> Peek(int bytes, out bool whole)
    {
        while (!_endOfStream && _end - _start < bytes)
        {
            if (_end == _buffer.Length)
            {
                Compact();
                if (_end == _buffer.Length)
                {
                    Array.Resize(ref _buffer, _buffer.Length * 2);
                }
            }
            ReadSome();
        }
        whole = _endOfStream;
        return _buffer.AsSpan(_start, Math.Min(bytes, _end - _start));
    }

    /// <summary>Everything read but not yet consumed, handed over (to a transcoder) and dropped from here.</summary>
    public byte[] TakeBuffered()
    {
        var taken = _buffer.AsSpan(_start, _end - _start).ToArray();
        _start = _end;
        return taken;
    }

    /// <summary>Drops the first <paramref name="count"/> bytes (a byte order mark).</summary>
    public void Skip(int count) => _start += count;

    /// <summary>The next line without its ending; false at the end of the stream.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool NextLine(out ReadOnlySpan<byte> line)
    {
        var scanned = 0;
        while (true)
        {
            var pending = _buffer.AsSpan(_start, _end - _start);
            var i = pending[scanned..].IndexOfAny((byte)'\n', (byte)'\r');
            if (i >= 0)
            {
                i += scanned;
                var ending = 1;
                if (pending[i] == (byte)'\r')
                {
                    if (i + 1 == pending.Length && !_endOfStream)
                    {
                        // Is the CR followed by an LF? Read on to see.
                        scanned = i;
                        Fill();
                        continue;
                    }
                    if (i + 1 < pending.Length && pending[i + 1] == (byte)'\n')
                    {
                        ending = 2;
                    }
                }
                line = pending[..i];
                _start += i + ending;
                Line++;
                return true;
            }
            if (_endOfStream)
            {
                line = pending;
                _start = _end;
                if (pending.IsEmpty)
                {
                    return false;
                }
                Line++;
                return true;
            }
            if (pending.Length >= MaxLineBytes)
            {
                line = default;
                Failure = $"Line {Line + 1} is longer than {MaxLineBytes / 1024} KB: this is not a price file.";
                _endOfStream = true;
                _start = _end;
                return false;
            }
            scanned = pending.Length;
            Fill();
        }
    }

    private void Compact()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }
    }

    private void Fill()
    {
        Compact();
        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        while (_end < _buffer.Length)
        {
            if (!ReadSome() || _end - _start >= InitialBufferBytes / 2)
            {
                return;
            }
        }
    }

    private bool ReadSome()
    {
        var read = stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _endOfStream = true;
            return false;
        }
        _end += read;
        BytesRead += read;
        return true;
    }
}
