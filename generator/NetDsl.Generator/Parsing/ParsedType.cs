using System.Collections.Generic;
using NetDsl.Generator.Model;

namespace NetDsl.Generator.Parsing;

/// <summary>What <see cref="NetworkParser.Parse"/> found on one type: a network, or a family of variants, or neither
/// (when an error stops it), and the diagnostics.</summary>
internal sealed class ParsedType
{
    public NetworkSpec? Spec { get; set; }

    public FamilySpec? Family { get; set; }

    public List<DiagnosticInfo> Diagnostics { get; } = new();
}
