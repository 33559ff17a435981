using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace NetDsl.Generator.Tests.Support;

/// <summary>
/// A test source with one span marked as <c>[|text|]</c>, the way Roslyn's own tests mark where a diagnostic must
/// point. <see cref="Source"/> is the source without the marks.
/// </summary>
internal sealed record Markup(string Source, TextSpan Span)
{
    public string MarkedText => Source.Substring(Span.Start, Span.Length);

    public static Markup Parse(string marked)
    {
        int start = marked.IndexOf("[|", StringComparison.Ordinal);
        int end = marked.IndexOf("|]", StringComparison.Ordinal);
        if (start < 0 || end < start || marked.IndexOf("[|", start + 2, StringComparison.Ordinal) >= 0)
        {
            throw new ArgumentException("Mark exactly one span with [| and |].", nameof(marked));
        }

        string source = marked.Remove(end, 2).Remove(start, 2);
        return new Markup(source, TextSpan.FromBounds(start, end - 2));
    }
}

/// <summary>Where a diagnostic points, as text of the compilation's trees. The generator's diagnostics carry plain
/// file-and-span locations (a source location would keep a syntax tree in the cached model), so they are looked up
/// by path.</summary>
internal static class Locations
{
    public static (string Path, TextSpan Span, string Text) Resolve(Diagnostic diagnostic, Compilation compilation)
    {
        Location location = diagnostic.Location;
        Assert.True(location != Location.None, $"{diagnostic.Id} has no location: {diagnostic}");
        string path = location.GetLineSpan().Path;
        SyntaxTree? tree = compilation.SyntaxTrees.SingleOrDefault(t => t.FilePath == path);
        Assert.True(tree is not null, $"{diagnostic.Id} points into '{path}', which is not a tree of the compilation.");
        TextSpan span = location.SourceSpan;
        Assert.True(span.End <= tree.Length, $"{diagnostic.Id}'s span {span} runs past the end of '{path}'.");

        // The line span must agree with the span: an IDE shows the one, the command line the other.
        LinePositionSpan lines = tree.GetText().Lines.GetLinePositionSpan(span);
        Assert.Equal(lines, location.GetLineSpan().Span);
        return (path, span, tree.GetText().ToString(span));
    }
}
