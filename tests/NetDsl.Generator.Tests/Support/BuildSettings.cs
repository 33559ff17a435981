using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace NetDsl.Generator.Tests.Support;

/// <summary>
/// The project settings a user's build may have, as the compiler sees them. The defaults are the strictest ones the
/// generated code has to live with: nullable on, every warning at the highest level and an error, documentation
/// comments checked.
/// </summary>
internal sealed record BuildSettings
{
    public static BuildSettings Strict { get; } = new();

    public NullableContextOptions Nullable { get; init; } = NullableContextOptions.Enable;

    /// <summary>TreatWarningsAsErrors: every warning reported as an error.</summary>
    public bool WarningsAsErrors { get; init; } = true;

    /// <summary>GenerateDocumentationFile: Diagnose checks every doc comment and reports CS1591 on public members
    /// without one.</summary>
    public DocumentationMode Documentation { get; init; } = DocumentationMode.Diagnose;

    /// <summary>WarningLevel; 9999 turns on every warning wave.</summary>
    public int WarningLevel { get; init; } = 9999;

    public LanguageVersion LanguageVersion { get; init; } = LanguageVersion.Latest;

    public CSharpParseOptions ParseOptions => new(LanguageVersion, Documentation);

    public CSharpCompilationOptions CompilationOptions => new(
        OutputKind.DynamicallyLinkedLibrary,
        nullableContextOptions: Nullable,
        generalDiagnosticOption: WarningsAsErrors ? ReportDiagnostic.Error : ReportDiagnostic.Default,
        warningLevel: WarningLevel,
        allowUnsafe: false,
        deterministic: true);
}
