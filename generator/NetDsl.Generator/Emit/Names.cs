namespace NetDsl.Generator.Emit;

/// <summary>Every framework and runtime name the generated code uses, fully qualified with <c>global::</c> so that no
/// user type or alias can capture it.</summary>
/// <remarks>
/// User names reach the generated code in other ways too, and the emitters avoid them: parameter names are string
/// literals, not <c>nameof</c>, which a user's method called <c>nameof</c> in the network or around it would capture;
/// no local is declared with <c>var</c>, which a user type called <c>var</c> would take over.
/// </remarks>
internal static class Names
{
    public const string Unsafe = "global::System.Runtime.CompilerServices.Unsafe";

    public const string MemoryMarshal = "global::System.Runtime.InteropServices.MemoryMarshal";

    public const string Span = "global::System.Span<float>";

    public const string ReadOnlySpan = "global::System.ReadOnlySpan<float>";

    /// <summary>The native integer of offsets and loop counters, by its type name: a user type called <c>nint</c>
    /// would take the keyword's place.</summary>
    public const string IntPtr = "global::System.IntPtr";

    public const string ArgumentException = "global::System.ArgumentException";

    public const string Simd = "global::NetDsl.Kernels.ISimd<TVector>";

    public const string Packing = "global::NetDsl.Kernels.Packing";

    public const string Rows = "global::NetDsl.Kernels.Rows";

    public const string AlignedBuffer = "global::NetDsl.Buffers.AlignedBuffer";

    public const string Activations = "global::NetDsl.Activations";

    public const string Initializers = "global::NetDsl.Initialization.Initializers";

    public const string InitParameters = "global::NetDsl.Initialization.InitParameters";

    public const string Init = "global::NetDsl.Init";

    public const string INetwork = "global::NetDsl.INetwork";

    public const string NetworkDescription = "global::NetDsl.NetworkDescription";

    public const string LayerDescription = "global::NetDsl.LayerDescription";

    public const string Act = "global::NetDsl.Act";

    public const string NetworkVariant = "global::NetDsl.NetworkVariant";

    public const string IOptimizer = "global::NetDsl.Training.IOptimizer";

    public const string ITrainer = "global::NetDsl.Training.ITrainer";

    public const string Losses = "global::NetDsl.Training.Losses";

    public const string Gradients = "global::NetDsl.Kernels.Gradients";

    public const string GeneratedCode = "global::System.CodeDom.Compiler.GeneratedCodeAttribute";

    public const string MethodImpl = "global::System.Runtime.CompilerServices.MethodImpl";

    public const string MethodImplOptions = "global::System.Runtime.CompilerServices.MethodImplOptions";

    /// <summary>A doc reference to a generated method names its parameter types: the user may overload the method,
    /// and a bare name then matches every overload (CS0419, an error under TreatWarningsAsErrors).</summary>
    public const string ExportParametersCref = "ExportParameters(global::System.Span{float})";

    public const string Version = "0.1.0";

    /// <summary>The four flavors, widest first, each with the <c>SimdSelection.Current</c> value that selects it.
    /// </summary>
    public static readonly (string Condition, string Flavor, string Vector)[] Flavors =
    {
        ("global::NetDsl.Kernels.SimdSelection.Current == global::NetDsl.Kernels.SimdFlavor.Vector512",
            "global::NetDsl.Kernels.Simd512", "global::System.Runtime.Intrinsics.Vector512<float>"),
        ("global::NetDsl.Kernels.SimdSelection.Current == global::NetDsl.Kernels.SimdFlavor.Vector256",
            "global::NetDsl.Kernels.Simd256", "global::System.Runtime.Intrinsics.Vector256<float>"),
        ("global::NetDsl.Kernels.SimdSelection.Current == global::NetDsl.Kernels.SimdFlavor.Vector128",
            "global::NetDsl.Kernels.Simd128", "global::System.Runtime.Intrinsics.Vector128<float>"),
        (string.Empty, "global::NetDsl.Kernels.SimdScalar", "float"),
    };
}
