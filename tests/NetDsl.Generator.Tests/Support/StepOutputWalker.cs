using System.Reflection;
using Microsoft.CodeAnalysis;

namespace NetDsl.Generator.Tests.Support;

/// <summary>
/// Walks an incremental step's output object through every field (properties are backed by fields, so none is
/// missed; collections are arrays inside), element by element through arrays, and lists what a cached model must
/// never hold: a symbol, a syntax node, token or tree, a source location, a semantic model or a compilation. Any of
/// those keeps a whole compilation alive between edits and compares by reference, so the step never caches.
/// </summary>
internal static class StepOutputWalker
{
    private const int MaxDepth = 64;

    public static List<string> FindForbidden(object? root, string rootName)
    {
        var found = new List<string>();
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        Walk(root, rootName, 0, seen, found);
        return found;
    }

    private static void Walk(object? value, string path, int depth, HashSet<object> seen, List<string> found)
    {
        if (value is null || depth > MaxDepth)
        {
            return;
        }

        Type type = value.GetType();
        if (Forbidden(value) is { } what)
        {
            found.Add($"{path}: {what} ({type.FullName})");
            return;
        }

        if (IsLeaf(type) || (!type.IsValueType && !seen.Add(value)))
        {
            return;
        }

        if (value is Array array)
        {
            int index = 0;
            foreach (object? item in array)
            {
                Walk(item, $"{path}[{index++}]", depth + 1, seen, found);
            }

            return;
        }

        for (Type? current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            foreach (FieldInfo field in current.GetFields(
                BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (field.FieldType.IsPointer || field.FieldType.IsByRef || field.FieldType.IsByRefLike)
                {
                    continue;
                }

                Walk(field.GetValue(value), path + "." + field.Name, depth + 1, seen, found);
            }
        }
    }

    private static string? Forbidden(object value) => value switch
    {
        ISymbol => "a symbol",
        SyntaxNode => "a syntax node",
        SyntaxToken => "a syntax token",
        SyntaxTrivia => "syntax trivia",
        SyntaxTree => "a syntax tree",
        SyntaxReference => "a syntax reference",
        Location { IsInSource: true } => "a source location",
        SemanticModel => "a semantic model",
        Compilation => "a compilation",
        _ => null,
    };

    /// <summary>Values with nothing of interest inside, or whose insides are the runtime's (reflection objects,
    /// delegates, and the strings and numbers the model should be made of).</summary>
    private static bool IsLeaf(Type type)
        => type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal)
            || typeof(MemberInfo).IsAssignableFrom(type) || typeof(Delegate).IsAssignableFrom(type)
            || typeof(Assembly).IsAssignableFrom(type) || typeof(Module).IsAssignableFrom(type)
            || type == typeof(Pointer)
            || type.Namespace == "System.Resources" || type.Namespace == "System.Globalization";
}
