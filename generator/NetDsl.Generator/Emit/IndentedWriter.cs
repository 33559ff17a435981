using System;
using System.Text;

namespace NetDsl.Generator.Emit;

/// <summary>A small text writer that indents by four spaces per level; <see cref="Block"/> opens a brace that the
/// returned scope closes.</summary>
internal sealed class IndentedWriter
{
    private readonly StringBuilder _text = new();
    private int _depth;

    /// <summary>Writes one line at the current depth (an empty line stays empty).</summary>
    public IndentedWriter Line(string line = "")
    {
        if (line.Length > 0)
        {
            _text.Append(' ', _depth * 4).Append(line);
        }

        _text.Append('\n');
        return this;
    }

    /// <summary>Writes each line of a multi-line fragment at the current depth.</summary>
    public IndentedWriter Lines(string fragment)
    {
        foreach (string line in fragment.Replace("\r\n", "\n").Split('\n'))
        {
            Line(line.TrimEnd());
        }

        return this;
    }

    /// <summary>Writes <paramref name="header"/> (if any) and an opening brace; disposing the scope closes it.
    /// </summary>
    public Scope Block(string? header = null, string closing = "}")
    {
        if (header is not null)
        {
            Line(header);
        }

        Line("{");
        _depth++;
        return new Scope(this, closing);
    }

    public override string ToString() => _text.ToString();

    /// <summary>Closes the brace a <see cref="Block"/> opened.</summary>
    internal readonly struct Scope(IndentedWriter writer, string closing) : IDisposable
    {
        public void Dispose()
        {
            writer._depth--;
            writer.Line(closing);
        }
    }
}
