using System;
using System.Collections.Generic;
using System.Linq;
using NetDsl.Generator.Model;

namespace NetDsl.Generator.Emit;

/// <summary>
/// Emits the fused forward kernels of one layer shape: a driver that walks the rows, a register tile for batches
/// (<see cref="TileRows"/> rows × <see cref="TilePanels"/> weight panels), a one-row tile for single samples and, for
/// an activation evaluated in double precision, the never-inlined helper through which the tiles activate and store
/// their outputs.
/// </summary>
/// <remarks>
/// The kernels are generic over the vector flavor (<c>ISimd&lt;TVector&gt;</c>): the JIT compiles one copy per
/// instruction set in which the panel width and every size derived from it are constants. Edges need no separate
/// code: a tile that runs past the last row or panel re-reads the last real one and skips its stores, so every load
/// stays in bounds and the source does not grow with the layer's width.
/// </remarks>
internal static class ForwardKernels
{
    /// <summary>Rows per batch tile: 6 rows × 2 panels = 12 accumulators, which leaves room for the two weight
    /// vectors and the broadcast input within the 16 registers of AVX2 and SSE, and makes every weight load feed 6
    /// multiply-adds.</summary>
    public const int TileRows = 6;

    public const int TilePanels = 2;

    /// <summary>Panels per single-row tile: four independent accumulator chains keep enough loads in flight for a
    /// batch-1 forward pass to stream weights at cache bandwidth rather than wait on multiply-add latency.</summary>
    public const int RowPanels = 4;

    public static void Emit(IndentedWriter writer, LayerSpec layer, IReadOnlyList<int> users)
    {
        string name = KernelName(users[0]);
        EmitDriver(writer, layer, name, users);
        writer.Line();
        EmitTile(writer, layer, name, TileRows, TilePanels, "Tile", "batch");
        writer.Line();
        EmitTile(writer, layer, name, 1, RowPanels, "Row", "single-row");
        if (Traits.FunctionType(layer.Activation) is { } function)
        {
            writer.Line();
            EmitActivationHelper(writer, layer, name, function);
        }
    }

    public static string KernelName(int firstLayer) => "Layer" + Literals.Int(firstLayer) + "Forward";

    private static void EmitDriver(IndentedWriter writer, LayerSpec layer, string name, IReadOnlyList<int> users)
    {
        string which = users.Count == 1
            ? "Layer " + Literals.Int(users[0])
            : "Layers " + string.Join(", ", users.Select(u => Literals.Int(u)));
        writer.Line("/// <summary>");
        writer.Doc($"{which}: dense {layer.FanIn} → {layer.Units} with {Describe(layer)}, fused:");
        writer.Doc($"y[r, u] = {Formula(layer)} for each of <paramref name=\"rows\"/> rows.");
        writer.Doc(string.Join(" ", FusionSentences(layer))
            + " Batches go through tiles of " + Literals.Int(TileRows) + " rows × " + Literals.Int(TilePanels)
            + " panels, one row through a tile of " + Literals.Int(RowPanels) + " panels. When "
            + "<paramref name=\"keep\"/> is set (training) the pre-activations are stored too. Vector512, Vector256, "
            + "Vector128 or scalar code, as TSimd says.");
        writer.Line("/// </summary>");
        writer.Call(
            $"private static void {name}<TSimd, TVector>(",
            [
                "ref float input", $"{Names.IntPtr} inputStride", "int rows", "ref float weights", "ref float bias",
                "ref float slopes", "ref float output", "ref float preActivation", "bool keep",
            ],
            ")",
            breakAfterHead: true);
        writer.Line($"    where TSimd : struct, {Names.Simd}");
        writer.Line("    where TVector : struct");
        using (writer.Block())
        {
            writer.Line($"const int Units = {layer.Units};");
            writer.Line($"const int OutputStride = {layer.PaddedUnits};");
            writer.Line("int panels = (Units + TSimd.Count - 1) / TSimd.Count;");
            writer.Line();
            using (writer.Block("if (rows == 1)"))
            {
                using (writer.Block("for (int panel = 0; panel < panels; panel += " + Literals.Int(RowPanels) + ")"))
                {
                    writer.Call(
                        $"{name}Row<TSimd, TVector>(",
                        [
                            "ref input", "0", "1", "ref weights", "ref bias", "ref slopes", "panel", "ref output",
                            "ref preActivation", "keep",
                        ],
                        ");");
                }
            }

            using (writer.Block("else"))
            {
                using (writer.Block("for (int row = 0; row < rows; row += " + Literals.Int(TileRows) + ")"))
                {
                    writer.Line("int count = global::System.Math.Min(" + Literals.Int(TileRows) + ", rows - row);");
                    writer.Call(
                        $"ref float inputRows = ref {Names.Unsafe}.Add(", ["ref input", "row * inputStride"], ");");
                    writer.Call(
                        $"ref float outputRows = ref {Names.Unsafe}.Add(", ["ref output", "row * OutputStride"], ");");
                    writer.Wrap(
                        "ref float preActivationRows = ref keep",
                        $" ? ref {Names.Unsafe}.Add({IndentedWriter.SoftBreak}ref preActivation, row * OutputStride)",
                        " : ref preActivation;");
                    string loop = "for (int panel = 0; panel < panels; panel += " + Literals.Int(TilePanels) + ")";
                    using (writer.Block(loop))
                    {
                        writer.Call(
                            $"{name}Tile<TSimd, TVector>(",
                            [
                                "ref inputRows", "inputStride", "count", "ref weights", "ref bias", "ref slopes",
                                "panel", "ref outputRows", "ref preActivationRows", "keep",
                            ],
                            ");");
                    }
                }
            }

            if (layer.Activation == ActKind.Softmax && !SoftmaxFitsEveryFlavor(layer))
            {
                writer.Line();
                writer.Comment(SoftmaxFitsNoFlavor(layer)
                    ? "Softmax needs whole rows, wider than a tile's registers at every width: the tiles stored the "
                        + "logits, and each row is normalized here in place while it is in L1."
                    : "Softmax needs whole rows. Where a row fits in two vectors the tiles normalized it in their "
                        + "registers; wider rows (panels > 2) the tiles stored as logits, and each is normalized here "
                        + "in place while it is in L1.");
                IDisposable? wide = SoftmaxFitsNoFlavor(layer) ? null : writer.Block("if (panels > 2)");
                using (writer.Block("for (int row = 0; row < rows; row++)"))
                {
                    writer.Call(
                        $"ref float logits = ref {Names.Unsafe}.Add(", ["ref output", "row * OutputStride"], ");");
                    writer.Line("TSimd.SoftmaxInPlace(ref logits, Units);");
                }

                wide?.Dispose();
            }
        }
    }

    private static void EmitTile(
        IndentedWriter writer, LayerSpec layer, string name, int rows, int panels, string suffix, string kind)
    {
        string rowText = rows == 1 ? "1 row" : Literals.Int(rows) + " rows";
        writer.Comment($"The {kind} tile of {name}: {rowText} × {Literals.Int(panels)} panels of {layer.FanIn} inputs, "
            + $"{rows * panels} accumulators.");
        writer.Call(
            $"private static void {name}{suffix}<TSimd, TVector>(",
            [
                "ref float input", $"{Names.IntPtr} inputStride", "int rows", "ref float weights", "ref float bias",
                "ref float slopes", "int panel", "ref float output", "ref float preActivation", "bool keep",
            ],
            ")",
            breakAfterHead: true);
        writer.Line($"    where TSimd : struct, {Names.Simd}");
        writer.Line("    where TVector : struct");
        using (writer.Block())
        {
            writer.Line($"const int FanIn = {layer.FanIn};");
            writer.Line($"const int Units = {layer.Units};");
            writer.Line($"const int OutputStride = {layer.PaddedUnits};");
            writer.Line("int panels = (Units + TSimd.Count - 1) / TSimd.Count;");
            writer.Line();

            writer.Comment(
                "Rows and panels past the last real one re-read the last real one; their results are not stored.");
            writer.Line("ref float x0 = ref input;");
            for (int r = 1; r < rows; r++)
            {
                writer.Call(
                    $"ref float x{r} = ref {Names.Unsafe}.Add(",
                    ["ref input", $"inputStride * global::System.Math.Min({r}, rows - 1)"],
                    ");");
            }

            for (int p = 0; p < panels; p++)
            {
                writer.Wrap(
                    $"{Names.IntPtr} panel{p} = ",
                    p == 0 ? "panel;" : $"global::System.Math.Min(panel + {p}, panels - 1);");
                writer.Call(
                    $"ref float w{p} = ref {Names.Unsafe}.Add(",
                    ["ref weights", $"panel{p} * FanIn * TSimd.Count"],
                    ");");
            }

            WriteAccumulators(writer, rows, panels);
            writer.Line();

            writer.Line("// Each weight vector feeds every row; each input is broadcast once and feeds every panel.");
            using (writer.Block($"for ({Names.IntPtr} k = 0; k < FanIn; k++)"))
            {
                for (int p = 0; p < panels; p++)
                {
                    writer.Line($"TVector b{p} = TSimd.Load(ref w{p}, k * TSimd.Count);");
                }

                for (int r = 0; r < rows; r++)
                {
                    writer.Line($"{(r == 0 ? "TVector a" : "a")} = TSimd.Create({Names.Unsafe}.Add(ref x{r}, k));");
                    for (int p = 0; p < panels; p++)
                    {
                        writer.Line($"c{r}{p} = TSimd.MultiplyAdd(a, b{p}, c{r}{p});");
                    }
                }
            }

            writer.Line();
            EmitEpilogue(writer, layer, name, rows, panels);
        }
    }

    private static void EmitEpilogue(IndentedWriter writer, LayerSpec layer, string name, int rows, int panels)
    {
        string? function = Traits.FunctionType(layer.Activation);
        writer.Comment(layer.Activation switch
        {
            ActKind.Linear => "Epilogue: bias, then one store per output vector.",
            ActKind.Softmax when SoftmaxFitsNoFlavor(layer)
                => "Epilogue: bias, then one store per logit vector; the driver normalizes the rows.",
            ActKind.Softmax => "Epilogue: bias; then, where a row's logits fit in its first two accumulators "
                + "(panels ≤ 2, a constant of each flavor), its softmax (max, exp(z − max), sum, scale, padding lanes "
                + "masked out) computed from them and stored once; else one store per logit vector, and the driver "
                + "normalizes the rows.",
            _ when function is null
                => "Epilogue: bias, then the activation on the registers, then one store per output vector.",
            _ => $"Epilogue: bias, then {name}Activation activates and stores the output vectors, two a call.",
        });
        for (int p = 0; p < panels; p++)
        {
            writer.Line($"TVector bias{p} = TSimd.Load(ref bias, panel{p} * TSimd.Count);");
        }

        foreach ((string c, _, int p) in Accumulators(rows, panels))
        {
            writer.Line($"{c} = TSimd.Add({c}, bias{p});");
        }

        writer.Line();
        using (writer.Block("if (keep)"))
        {
            EmitStores(writer, rows, panels, "preActivation");
        }

        writer.Line();
        if (function is not null)
        {
            EmitActivatedStores(writer, name, rows, panels);
            return;
        }

        if (layer.Activation == ActKind.Softmax)
        {
            EmitSoftmaxStores(writer, layer, rows, panels);
            return;
        }

        // The ReLU family is a few float instructions, applied to the registers before the one store; Linear has
        // nothing to apply.
        if (layer.Activation != ActKind.Linear)
        {
            EmitActivation(writer, layer, rows, panels);
            writer.Line();
        }

        EmitStores(writer, rows, panels, "output");
    }

    /// <summary>A Softmax tile's stores. Where a row's logits fit in two vectors (panels ≤ 2) the tile was called
    /// for panel 0 only and holds whole rows: each row's first two accumulators go to SoftmaxStore, which normalizes
    /// them in registers and stores each output once (the second is ignored, or a copy of the first, when panels is
    /// 1). Otherwise the tile stores the logits for the driver's pass over L1. Which branch a flavor takes is a
    /// constant the JIT folds.</summary>
    private static void EmitSoftmaxStores(IndentedWriter writer, LayerSpec layer, int rows, int panels)
    {
        if (SoftmaxFitsNoFlavor(layer))
        {
            EmitStores(writer, rows, panels, "output");
            return;
        }

        IDisposable? fits = SoftmaxFitsEveryFlavor(layer) ? null : writer.Block("if (panels <= 2)");
        for (int r = 0; r < rows; r++)
        {
            IDisposable? guard = r == 0 ? null : writer.Block($"if (rows > {r})");
            string destination = r == 0 ? "ref output" : $"ref {Names.Unsafe}.Add(ref output, {r} * OutputStride)";
            writer.Call("TSimd.SoftmaxStore(", [$"c{r}0", $"c{r}1", "Units", destination], ");");
            guard?.Dispose();
        }

        if (fits is not null)
        {
            fits.Dispose();
            using (writer.Block("else"))
            {
                EmitStores(writer, rows, panels, "output");
            }
        }
    }

    /// <summary>Passes each row's accumulators, two panels a call, to the activation that stores them. Rows past the
    /// last real one are skipped, and so are pairs of panels past it; in a pair that straddles it, the second vector
    /// is evaluated and not stored. Both tiles have an even number of panels.</summary>
    private static void EmitActivatedStores(IndentedWriter writer, string name, int rows, int panels)
    {
        for (int r = 0; r < rows; r++)
        {
            IDisposable? guard = r == 0 ? null : writer.Block($"if (rows > {r})");
            for (int p = 0; p < panels; p += 2)
            {
                writer.Call(
                    $"{name}Activation<TSimd, TVector>(",
                    [
                        $"c{r}{p}", $"c{r}{p + 1}", "ref output", $"{r} * OutputStride + panel{p} * TSimd.Count",
                        $"{r} * OutputStride + panel{p + 1} * TSimd.Count", $"panel + {p + 1} < panels",
                    ],
                    ");",
                    prefix: p == 0 ? null : $"if (panel + {p} < panels) ");
            }

            guard?.Dispose();
        }
    }

    /// <summary>The double-precision activation of two output vectors and their stores, as the tiles' epilogues call
    /// it.</summary>
    private static void EmitActivationHelper(IndentedWriter writer, LayerSpec layer, string name, string function)
    {
        writer.Comment($"The {layer.Activation} of two output vectors of {name}'s tiles, in double precision and "
            + "rounded once, and their one store. Never inlined: each inlined evaluation brings hundreds of the JIT's "
            + "locals, and a tile holding all of its evaluations would pass the JIT's limit of tracked locals, past "
            + "which even one-instruction helpers stay calls. The multiply-add loop keeps every accumulator in a "
            + "register; around these calls the JIT saves the tile's other accumulators in its stack frame. Two "
            + "vectors a call give the processor two independent evaluations to overlap.");
        writer.Call($"[{Names.MethodImpl}(", [$"{Names.MethodImplOptions}.NoInlining"], ")]");
        writer.Call(
            $"private static void {name}Activation<TSimd, TVector>(",
            [
                "TVector first", "TVector second", "ref float output", $"{Names.IntPtr} firstOffset",
                $"{Names.IntPtr} secondOffset", "bool storeSecond",
            ],
            ")",
            breakAfterHead: true);
        writer.Line($"    where TSimd : struct, {Names.Simd}");
        writer.Line("    where TVector : struct");
        using (writer.Block())
        {
            string evaluate = $"TSimd.Evaluate<{Names.Activations}.{function}>";
            string alpha = Literals.Double(layer.Alpha);
            writer.Line($"TVector firstValue = {evaluate}(first, {alpha});");
            writer.Line($"TVector secondValue = {evaluate}(second, {alpha});");
            writer.Line("TSimd.Store(firstValue, ref output, firstOffset);");
            using (writer.Block("if (storeSecond)"))
            {
                writer.Line("TSimd.Store(secondValue, ref output, secondOffset);");
            }
        }
    }

    /// <summary>ReLU, LeakyReLU or PReLU on the accumulators.</summary>
    private static void EmitActivation(IndentedWriter writer, LayerSpec layer, int rows, int panels)
    {
        switch (layer.Activation)
        {
            case ActKind.LeakyReLU:
                writer.Line($"TVector slope = TSimd.Create({Literals.Float(layer.Alpha)});");
                break;
            case ActKind.PReLU:
                for (int p = 0; p < panels; p++)
                {
                    writer.Line($"TVector slope{p} = TSimd.Load(ref slopes, panel{p} * TSimd.Count);");
                }

                break;
        }

        foreach ((string c, _, int p) in Accumulators(rows, panels))
        {
            writer.Line(layer.Activation switch
            {
                ActKind.ReLU => $"{c} = TSimd.Relu({c});",
                ActKind.LeakyReLU => $"{c} = TSimd.LeakyRelu({c}, slope);",
                _ => $"{c} = TSimd.LeakyRelu({c}, slope{p});",
            });
        }
    }

    private static void EmitStores(IndentedWriter writer, int rows, int panels, string destination)
    {
        for (int r = 0; r < rows; r++)
        {
            IDisposable? guard = r == 0 ? null : writer.Block($"if (rows > {r})");
            for (int p = 0; p < panels; p++)
            {
                writer.Call(
                    "TSimd.Store(",
                    [$"c{r}{p}", $"ref {destination}", $"{r} * OutputStride + panel{p} * TSimd.Count"],
                    ");",
                    prefix: p == 0 ? null : $"if (panel + {p} < panels) ");
            }

            guard?.Dispose();
        }
    }

    /// <summary>Declares the tile's accumulators, one line per row.</summary>
    internal static void WriteAccumulators(IndentedWriter writer, int rows, int panels)
    {
        for (int r = 0; r < rows; r++)
        {
            writer.Line(
                "TVector " + string.Join(", ", Enumerable.Range(0, panels).Select(p => $"c{r}{p} = TSimd.Zero")) + ";");
        }
    }

    private static IEnumerable<(string Name, int Row, int Panel)> Accumulators(int rows, int panels)
    {
        for (int r = 0; r < rows; r++)
        {
            for (int p = 0; p < panels; p++)
            {
                yield return ($"c{r}{p}", r, p);
            }
        }
    }

    /// <summary>How the kernel fuses the product, the bias and the activation, for its doc comment.</summary>
    private static string[] FusionSentences(LayerSpec layer) => layer.Activation switch
    {
        ActKind.Softmax => [SoftmaxPaths(layer)],
        _ when Traits.FunctionType(layer.Activation) is not null =>
        [
            "The matrix product, the bias and the activation happen in one pass: each output is accumulated in a",
            "register, biased, activated in double precision and stored once.",
        ],
        _ =>
        [
            "The matrix product, the bias and the activation happen in one pass: each output is accumulated in a",
            "register, biased, activated and stored once.",
        ],
    };

    /// <summary>The flavors' vector widths in floats, widest first, as the kernels' prose names them.</summary>
    private static readonly (string Name, int Count)[] Flavors =
    [
        ("Vector512", 16), ("Vector256", 8), ("Vector128", 4), ("scalar", 1),
    ];

    /// <summary>Vectors of a flavor that hold one row of the layer's outputs.</summary>
    private static int VectorsPerRow(LayerSpec layer, int count) => (layer.Units + count - 1) / count;

    /// <summary>Whether every flavor's tile holds a whole Softmax row in two vectors (2 units: even the scalar
    /// flavor's).</summary>
    private static bool SoftmaxFitsEveryFlavor(LayerSpec layer) => Flavors.All(f => VectorsPerRow(layer, f.Count) <= 2);

    /// <summary>Whether no flavor's tile holds a whole Softmax row in two vectors (more than 32 units).</summary>
    private static bool SoftmaxFitsNoFlavor(LayerSpec layer) => Flavors.All(f => VectorsPerRow(layer, f.Count) > 2);

    /// <summary>Which Softmax path each flavor takes, for the kernel's doc comment.</summary>
    private static string SoftmaxPaths(LayerSpec layer)
    {
        static string List(List<(string Name, int Count)> flavors, LayerSpec layer)
        {
            List<string> items = flavors.Select(f => $"{f.Name} ({Literals.Int(VectorsPerRow(layer, f.Count))} vector"
                + (VectorsPerRow(layer, f.Count) == 1 ? ")" : "s)")).ToList();
            return items.Count == 1
                ? items[0]
                : string.Join(", ", items.Take(items.Count - 1)) + " and " + items[items.Count - 1];
        }

        var fit = Flavors.Where(f => VectorsPerRow(layer, f.Count) <= 2).ToList();
        var wide = Flavors.Where(f => VectorsPerRow(layer, f.Count) > 2).ToList();
        string product = "The matrix product and the bias happen in one pass, each logit accumulated in a register.";
        string inRegisters = "each tile normalizes its rows' logits in registers (max, exp(z − max), sum, scale, "
            + "padding lanes masked out) and stores each output once";
        string inL1 = "the tiles store the logits and each row is normalized afterwards, in place while it is in L1";
        if (wide.Count == 0)
        {
            return $"{product} Softmax is fused too, a row of {layer.Units} fitting in two vectors at every width: "
                + $"{inRegisters}.";
        }

        if (fit.Count == 0)
        {
            return $"{product} A row of {layer.Units} is wider than two vectors at every width ({List(wide, layer)}), "
                + $"more than a tile holds: {inL1}.";
        }

        return $"{product} Softmax is fused where a row of {layer.Units} fits in two vectors: at {List(fit, layer)} "
            + $"{inRegisters}; at {List(wide, layer)} {inL1}.";
    }

    internal static string Describe(LayerSpec layer) => layer.Activation switch
    {
        ActKind.LeakyReLU or ActKind.ELU => $"{layer.Activation} (α = {Literals.Float(layer.Alpha).TrimEnd('F')})",
        ActKind.PReLU => "PReLU (learned slopes)",
        _ => layer.Activation.ToString(),
    };

    private static string Formula(LayerSpec layer)
    {
        const string sum = "b[u] + Σₖ x[r, k]·W[u, k]";
        return layer.Activation switch
        {
            ActKind.Linear => sum,
            ActKind.Softmax => $"softmaxᵤ({sum})",
            _ => $"{layer.Activation}({sum})",
        };
    }
}
