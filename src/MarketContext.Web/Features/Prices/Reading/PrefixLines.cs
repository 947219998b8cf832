namespace MarketContext.Web.Features.Prices.Reading;

/// <summary>The lines of the prefix, numbered as the reader will number them; a cut-off last line is left out.</summary>
internal ref struct PrefixLines(ReadOnlySpan<byte> text, bool whole)
{
    private readonly ReadOnlySpan<byte> _text = text;
    private int _position;
    private int _number;

    public readonly bool Any => !_text.IsEmpty;

    public bool Next(out ReadOnlySpan<byte> line, out int number)
    {
        line = default;
        number = 0;
        if (_position >= _text.Length)
        {
            return false;
        }
        var rest = _text[_position..];
        var end = rest.IndexOfAny((byte)'\n', (byte)'\r');
        if (end < 0)
        {
            if (!whole)
            {
                return false;
            }
            line = rest;
            _position = _text.Length;
        }
        else
        {
            line = rest[..end];
            _position += end + (rest[end] == (byte)'\r' && end + 1 < rest.Length && rest[end + 1] == (byte)'\n' ? 2 : 1);
        }
        number = ++_number;
        return true;
    }

    public readonly string TextOf(int wanted, byte delimiter)
    {
        var copy = new PrefixLines(_text, true);
        while (copy.Next(out var line, out var number))
        {
            if (number == wanted)
            {
                return System.Text.Encoding.UTF8.GetString(line);
            }
        }
        return "";
    }
}
