using System;
using System.Collections.Generic;
using System.Linq;

namespace NetDsl.Generator.Model;

/// <summary>
/// Makes generated file names unique the way Roslyn compares them, ignoring case: <c>A.Net</c> and <c>A.NET</c> are
/// two types in C# but one hint name, and a repeated hint name makes the generator fail for the whole project.
/// </summary>
internal static class HintNames
{
    /// <summary>The hint names that share their case-folded spelling with another, sorted ordinally; usually none.
    /// </summary>
    public static EquatableArray<string> Colliding(IEnumerable<string> hintNames)
        => hintNames
            .Distinct(StringComparer.Ordinal)
            .GroupBy(name => name, StringComparer.OrdinalIgnoreCase)
            .Where(group => group.Count() > 1)
            .SelectMany(group => group)
            .OrderBy(name => name, StringComparer.Ordinal)
            .ToEquatableArray();

    /// <summary>The name to add <paramref name="hintName"/>'s source under: itself, unless it collides, in which case
    /// every spelling after the first (in ordinal order) gets a number, ".2.g.cs" and on. No C# name starts with a
    /// digit, so a numbered name never meets a type's own.</summary>
    public static string Unique(string hintName, EquatableArray<string> colliding)
    {
        int rank = colliding
            .Where(name => string.Equals(name, hintName, StringComparison.OrdinalIgnoreCase))
            .TakeWhile(name => name != hintName)
            .Count();
        const string Extension = ".g.cs";
        return rank == 0
            ? hintName
            : hintName.Substring(0, hintName.Length - Extension.Length) + "." + (rank + 1) + Extension;
    }
}
