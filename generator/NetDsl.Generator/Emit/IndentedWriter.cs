using System;
using System.Collections.Generic;
using System.Text;

namespace NetDsl.Generator.Emit;

/// <summary>A small text writer that indents by four spaces per level; <see cref="Block"/> opens a brace that the
/// returned scope closes. <see cref="Wrap"/>, <see cref="Call"/>, <see cref="Comment"/> and <see cref="Doc"/> keep
/// lines within <see cref="Width"/> columns at whatever depth the network's namespace and containers put them.
/// </summary>
internal sealed class IndentedWriter
{
    /// <summary>The columns a wrapped line stays within, indentation included, unless one part is wider.</summary>
    public const int Width = 120;

    /// <summary>Marks where a part of <see cref="Wrap"/> or an item of <see cref="Call"/>, too wide for a line of its
    /// own, may break (after a nested call's parenthesis), its rest one level deeper; elsewhere it vanishes.</summary>
    public const string SoftBreak = "\u0001";

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

    /// <summary>Whether <paramref name="line"/> fits in <see cref="Width"/> columns at the current depth.</summary>
    public bool Fits(string line) => FitsAt(_depth, line);

    /// <summary>Writes the concatenation of <paramref name="parts"/> as one line when it fits; else breaks it between
    /// parts, continuation lines one level deeper: after the first part when the others fit on one line, else as many
    /// parts per line as fit. A part is never split (one wider than a line stands alone), and spaces at the ends of a
    /// broken line are dropped, so a part carries the separator that follows it (<c>"a, "</c>) or leads with the
    /// operator that joins it (<c>" &amp;&amp; b"</c>).</summary>
    public IndentedWriter Wrap(params string[] parts) => Wrap(parts, breakAfterFirst: false);

    /// <summary>Writes a call or a declaration: <paramref name="head"/> (up to its opening parenthesis),
    /// <paramref name="items"/> separated by commas, then <paramref name="tail"/>, wrapped as <see cref="Wrap"/> does
    /// between items. With <paramref name="breakAfterHead"/> a wrapped list starts on the line after the head, the
    /// shape of a long parameter list. A <paramref name="prefix"/>, such as an if's condition
    /// (<c>"if (rows &gt; 1) "</c>), goes before the head; a call too wide for the line starts on the next one, one
    /// level deeper.</summary>
    public IndentedWriter Call(
        string head, IReadOnlyList<string> items, string tail, bool breakAfterHead = false, string? prefix = null)
    {
        if (prefix is not null && !Fits(Flat(prefix + head + string.Join(", ", items) + tail)))
        {
            Line(prefix.TrimEnd());
            using (Indent())
            {
                return Call(head, items, tail, breakAfterHead);
            }
        }

        var parts = new List<string> { (prefix ?? string.Empty) + (items.Count == 0 ? head + tail : head) };
        for (int i = 0; i < items.Count; i++)
        {
            parts.Add(items[i] + (i < items.Count - 1 ? ", " : tail));
        }

        return Wrap(parts.ToArray(), breakAfterHead);
    }

    /// <summary>Writes an expression-bodied member: on one line when it fits, else with the <c>=&gt;</c> body on the
    /// next line, one level deeper, and the body's call wrapped as <see cref="Call"/> does.</summary>
    public IndentedWriter Arrow(string declaration, string head, IReadOnlyList<string> items, string tail)
    {
        string line = Flat(declaration + " => " + head + string.Join(", ", items) + tail);
        if (Fits(line))
        {
            return Line(line);
        }

        Line(declaration);
        using (Indent())
        {
            Call("=> " + head, items, tail);
        }

        return this;
    }

    /// <summary>Writes <paramref name="text"/> as <c>//</c> comment lines, re-flowed at spaces to fit.</summary>
    public IndentedWriter Comment(string text) => Flow("// ", text, xml: false);

    /// <summary>Writes <paramref name="text"/> as <c>///</c> documentation lines, re-flowed at spaces to fit; a space
    /// inside an XML tag never breaks.</summary>
    public IndentedWriter Doc(string text) => Flow("/// ", text, xml: true);

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

    /// <summary>Indents by one more level, without braces, until the returned scope is disposed.</summary>
    public Scope Indent()
    {
        _depth++;
        return new Scope(this, null);
    }

    public override string ToString() => _text.ToString();

    private IndentedWriter Wrap(string[] parts, bool breakAfterFirst)
    {
        string whole = Flat(string.Concat(parts));
        if (Fits(whole) || parts.Length == 1)
        {
            return Line(whole);
        }

        // Broken after the first part when all the others fit on the continuation line, else wherever a line is full.
        string rest = Flat(string.Join(string.Empty, parts, 1, parts.Length - 1)).Trim();
        breakAfterFirst |= (_depth + 1) * 4 + rest.Length <= Width;
        var line = new StringBuilder(Flat(parts[0]));
        int depth = _depth;
        bool broken = false;
        for (int i = 1; i < parts.Length; i++)
        {
            string part = Flat(parts[i]);
            if (broken || (i == 1 && breakAfterFirst) || line.Length + part.TrimEnd().Length > Width - depth * 4)
            {
                WriteAt(depth, line.ToString());
                line.Clear();
                depth = _depth + 1;
                broken = false;
                if (parts[i].IndexOf(SoftBreak, StringComparison.Ordinal) >= 0 && !FitsAt(depth, part.Trim()))
                {
                    // Too wide for a line of its own: broken at its soft break, the rest one level deeper still, and
                    // the next part on a new line.
                    int at = parts[i].IndexOf(SoftBreak, StringComparison.Ordinal);
                    WriteAt(depth, parts[i].Substring(0, at).TrimStart());
                    WriteAt(depth + 1, Flat(parts[i].Substring(at + SoftBreak.Length)));
                    broken = true;
                    continue;
                }
            }

            line.Append(line.Length == 0 ? part.TrimStart() : part);
        }

        if (line.Length > 0)
        {
            WriteAt(depth, line.ToString());
        }

        return this;
    }

    private bool FitsAt(int depth, string line) => depth * 4 + line.Length <= Width;

    private static string Flat(string text) => text.Replace(SoftBreak, string.Empty);

    private void WriteAt(int depth, string line)
    {
        int current = _depth;
        _depth = depth;
        Line(line.TrimEnd());
        _depth = current;
    }

    /// <summary>Re-flows <paramref name="text"/> into lines that start with <paramref name="prefix"/>: words are split
    /// at spaces, except inside brackets (<c>[units, fanIn]</c>) and, in documentation, inside XML tags.</summary>
    private IndentedWriter Flow(string prefix, string text, bool xml)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        int brackets = 0;
        bool tag = false;
        foreach (char c in text)
        {
            if (c == ' ' && brackets == 0 && !tag)
            {
                if (word.Length > 0)
                {
                    words.Add(word.ToString());
                    word.Clear();
                }

                continue;
            }

            word.Append(c);
            brackets += c == '[' ? 1 : c == ']' && brackets > 0 ? -1 : 0;
            tag = xml && (c == '<' || (tag && c != '>'));
        }

        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }

        // A last line of one word takes its neighbour along: a narrower measure, as long as no line is added.
        int room = Width - _depth * 4 - prefix.Length;
        List<List<string>> lines = Fill(words, room);
        while (lines.Count > 1 && lines[lines.Count - 1].Count == 1 && room > 1)
        {
            List<List<string>> narrower = Fill(words, --room);
            if (narrower.Count != lines.Count)
            {
                break;
            }

            lines = narrower;
        }

        foreach (List<string> line in lines)
        {
            Line((prefix + string.Join(" ", line)).TrimEnd());
        }

        return this;
    }

    /// <summary>Greedy filling: as many words per line as fit in <paramref name="room"/> columns.</summary>
    private static List<List<string>> Fill(List<string> words, int room)
    {
        var lines = new List<List<string>> { new() };
        int length = 0;
        foreach (string word in words)
        {
            List<string> line = lines[lines.Count - 1];
            if (line.Count > 0 && length + 1 + word.Length > room)
            {
                line = new List<string>();
                lines.Add(line);
                length = 0;
            }

            length += (line.Count > 0 ? 1 : 0) + word.Length;
            line.Add(word);
        }

        return lines;
    }

    /// <summary>Closes the brace a <see cref="Block"/> opened, or ends an <see cref="Indent"/>.</summary>
    internal readonly struct Scope(IndentedWriter writer, string? closing) : IDisposable
    {
        public void Dispose()
        {
            writer._depth--;
            if (closing is not null)
            {
                writer.Line(closing);
            }
        }
    }
}
