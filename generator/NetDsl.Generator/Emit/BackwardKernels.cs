using System;
using System.Collections.Generic;
using System.Linq;
using NetDsl.Generator.Model;

namespace NetDsl.Generator.Emit;

/// <summary>
/// Emits the backward kernels of one layer shape: the weight gradient (inputs × deltas, reduced over the batch) and
/// the input gradient (deltas × weights, reduced over the units), whose epilogue applies the previous layer's
/// activation derivative to the registers before the one store, so the gradient and the derivative take one pass.
/// </summary>
/// <remarks>Like the forward kernels they are generic over the vector flavor and handle edges by re-reading the last
/// real row or panel and skipping its stores.</remarks>
internal static class BackwardKernels
{
    private const int TileRows = ForwardKernels.TileRows;
    private const int TilePanels = ForwardKernels.TilePanels;

    public static string WeightGradientName(int firstLayer)
        => "Layer" + Literals.Int(firstLayer) + "WeightGradient";

    public static string InputGradientName(int firstLayer) => "Layer" + Literals.Int(firstLayer) + "InputGradient";

    public const string OutputSlopeName = "OutputSlope";

    /// <summary>dW[u, k] = Σ_b x[b, k]·δ[b, u], written into the gradient's weight panels.</summary>
    public static void EmitWeightGradient(IndentedWriter writer, LayerSpec layer, string name)
    {
        writer.Line("/// <summary>");
        writer.Doc($"Weight gradient of a dense {layer.FanIn} → {layer.Units} layer: dW[u, k] = Σ_b x[b, k]·δ[b, u] "
            + $"over the batch, stored in the packed panel layout of the weights. Tiles of {TileRows} inputs × "
            + $"{TilePanels} panels, one broadcast input and one delta vector per multiply-add; Vector512, Vector256, "
            + "Vector128 or scalar code, as TSimd says.");
        writer.Line("/// </summary>");
        writer.Call(
            $"private static void {name}<TSimd, TVector>(",
            ["ref float input", $"{Names.IntPtr} inputStride", "int rows", "ref float delta", "ref float gradient"],
            ")",
            breakAfterHead: true);
        WriteConstraints(writer);
        using (writer.Block())
        {
            writer.Line($"const int FanIn = {layer.FanIn};");
            writer.Line($"const int Units = {layer.Units};");
            writer.Line("int panels = (Units + TSimd.Count - 1) / TSimd.Count;");
            using (writer.Block($"for (int first = 0; first < FanIn; first += {TileRows})"))
            {
                using (writer.Block($"for (int panel = 0; panel < panels; panel += {TilePanels})"))
                {
                    writer.Call(
                        $"{name}Tile<TSimd, TVector>(",
                        ["ref input", "inputStride", "rows", "ref delta", "first", "panel", "ref gradient"],
                        ");");
                }
            }
        }

        writer.Line();
        writer.Line($"// The tile of {name}: {TileRows} inputs × {TilePanels} panels, reduced over the batch rows.");
        writer.Call(
            $"private static void {name}Tile<TSimd, TVector>(",
            [
                "ref float input", $"{Names.IntPtr} inputStride", "int rows", "ref float delta", "int first",
                "int panel", "ref float gradient",
            ],
            ")",
            breakAfterHead: true);
        WriteConstraints(writer);
        using (writer.Block())
        {
            writer.Line($"const int FanIn = {layer.FanIn};");
            writer.Line($"const int Units = {layer.Units};");
            writer.Line($"const int DeltaStride = {layer.PaddedUnits};");
            writer.Line("int panels = (Units + TSimd.Count - 1) / TSimd.Count;");
            writer.Line();
            writer.Comment(
                "Inputs and panels past the last real one re-read the last real one; their results are not stored.");
            for (int r = 0; r < TileRows; r++)
            {
                writer.Wrap(
                    $"{Names.IntPtr} k{r} = ", r == 0 ? "first;" : $"global::System.Math.Min(first + {r}, FanIn - 1);");
            }

            WritePanels(writer);
            WriteAccumulators(writer);
            writer.Line();
            using (writer.Block($"for ({Names.IntPtr} b = 0; b < rows; b++)"))
            {
                writer.Call($"ref float x = ref {Names.Unsafe}.Add(", ["ref input", "b * inputStride"], ");");
                for (int p = 0; p < TilePanels; p++)
                {
                    writer.Line($"TVector d{p} = TSimd.Load(ref delta, b * DeltaStride + panel{p} * TSimd.Count);");
                }

                for (int r = 0; r < TileRows; r++)
                {
                    writer.Line($"{(r == 0 ? "TVector a" : "a")} = TSimd.Create({Names.Unsafe}.Add(ref x, k{r}));");
                    for (int p = 0; p < TilePanels; p++)
                    {
                        writer.Line($"c{r}{p} = TSimd.MultiplyAdd(a, d{p}, c{r}{p});");
                    }
                }
            }

            writer.Line();
            for (int r = 0; r < TileRows; r++)
            {
                IDisposable? guard = r == 0 ? null : writer.Block($"if (first + {r} < FanIn)");
                for (int p = 0; p < TilePanels; p++)
                {
                    writer.Call(
                        "TSimd.Store(",
                        [$"c{r}{p}", "ref gradient", $"(panel{p} * FanIn + k{r}) * TSimd.Count"],
                        ");",
                        prefix: p == 0 ? null : $"if (panel + {p} < panels) ");
                }

                guard?.Dispose();
            }
        }
    }

    /// <summary>δprev[b, k] = f′(zprev[b, k])·Σ_u δ[b, u]·W[u, k], reading W as rows padded to 16 floats.</summary>
    public static void EmitInputGradient(IndentedWriter writer, LayerSpec layer, LayerSpec previous, string name)
    {
        // Null for the ReLU family and Linear, whose derivatives are inlined into the tile.
        string? function = Traits.FunctionType(previous.Activation);
        writer.Line("/// <summary>");
        writer.Doc($"Input gradient of a dense {layer.FanIn} → {layer.Units} layer fused with the derivative of the "
            + $"layer before it ({ForwardKernels.Describe(previous)}): "
            + "δprev[b, k] = f′(z[b, k])·Σ_u δ[b, u]·W[u, k]. "
            + (function is null
                ? "The derivative is applied to the accumulators before the one store of each delta vector"
                    + (previous.HasSlopes ? ", and the PReLU slopes' gradient is accumulated in the same pass." : ".")
                : $"{name}Derivative evaluates it in double precision on each tile's stored sums while they are in "
                    + "L1, and stores the deltas over them."));
        writer.Doc($"Tiles of {TileRows} rows × {TilePanels} input panels; Vector512, Vector256, Vector128 or scalar "
            + "code, as TSimd says.");
        writer.Line("/// </summary>");
        writer.Call(
            $"private static void {name}<TSimd, TVector>(",
            [
                "ref float delta", "int rows", "ref float weightRows", "ref float preActivation",
                "ref float activation", "ref float slopes", "ref float slopeGradient", "ref float result",
            ],
            ")",
            breakAfterHead: true);
        WriteConstraints(writer);
        using (writer.Block())
        {
            writer.Line($"const int FanIn = {layer.FanIn};");
            writer.Line($"const int DeltaStride = {layer.PaddedUnits};");
            writer.Line($"const int ResultStride = {layer.PaddedFanIn};");
            writer.Line("int panels = (FanIn + TSimd.Count - 1) / TSimd.Count;");
            using (writer.Block($"for (int row = 0; row < rows; row += {TileRows})"))
            {
                writer.Line("int count = global::System.Math.Min(" + Literals.Int(TileRows) + ", rows - row);");
                writer.Call($"ref float deltaRows = ref {Names.Unsafe}.Add(", ["ref delta", "row * DeltaStride"], ");");
                writer.Line($"{Names.IntPtr} resultRows = ({Names.IntPtr})row * ResultStride;");
                using (writer.Block($"for (int panel = 0; panel < panels; panel += {TilePanels})"))
                {
                    writer.Call(
                        $"{name}Tile<TSimd, TVector>(",
                        [
                            "ref deltaRows", "count", "ref weightRows", "panel",
                            $"ref {Names.Unsafe}.Add({IndentedWriter.SoftBreak}ref preActivation, resultRows)",
                            $"ref {Names.Unsafe}.Add({IndentedWriter.SoftBreak}ref activation, resultRows)",
                            "ref slopes", "ref slopeGradient",
                            $"ref {Names.Unsafe}.Add({IndentedWriter.SoftBreak}ref result, resultRows)",
                        ],
                        ");");
                }
            }
        }

        writer.Line();
        writer.Line($"// The tile of {name}: {TileRows} rows × {TilePanels} input panels, reduced over the units.");
        writer.Call(
            $"private static void {name}Tile<TSimd, TVector>(",
            [
                "ref float delta", "int rows", "ref float weightRows", "int panel", "ref float preActivation",
                "ref float activation", "ref float slopes", "ref float slopeGradient", "ref float result",
            ],
            ")",
            breakAfterHead: true);
        WriteConstraints(writer);
        using (writer.Block())
        {
            writer.Line($"const int FanIn = {layer.FanIn};");
            writer.Line($"const int Units = {layer.Units};");
            writer.Line($"const int DeltaStride = {layer.PaddedUnits};");
            writer.Line($"const int RowStride = {layer.PaddedFanIn};");
            writer.Line($"const int ResultStride = {layer.PaddedFanIn};");
            writer.Line("int panels = (FanIn + TSimd.Count - 1) / TSimd.Count;");
            writer.Line();
            writer.Comment(
                "Rows and panels past the last real one re-read the last real one; their results are not stored.");
            for (int r = 0; r < TileRows; r++)
            {
                writer.Wrap($"{Names.IntPtr} row{r} = ", r == 0 ? "0;" : $"global::System.Math.Min({r}, rows - 1);");
                writer.Call(
                    $"ref float delta{r} = ref {Names.Unsafe}.Add(", ["ref delta", $"row{r} * DeltaStride"], ");");
            }

            WritePanels(writer);
            WriteAccumulators(writer);
            writer.Line();
            using (writer.Block($"for ({Names.IntPtr} u = 0; u < Units; u++)"))
            {
                for (int p = 0; p < TilePanels; p++)
                {
                    writer.Line($"TVector w{p} = TSimd.Load(ref weightRows, u * RowStride + panel{p} * TSimd.Count);");
                }

                for (int r = 0; r < TileRows; r++)
                {
                    writer.Line($"{(r == 0 ? "TVector a" : "a")} = TSimd.Create({Names.Unsafe}.Add(ref delta{r}, u));");
                    for (int p = 0; p < TilePanels; p++)
                    {
                        writer.Line($"c{r}{p} = TSimd.MultiplyAdd(a, w{p}, c{r}{p});");
                    }
                }
            }

            writer.Line();
            if (function is not null)
            {
                writer.Comment("Epilogue: the sums stored, then the previous layer's derivative applied to them while "
                    + "they are in L1, two delta vectors a call. Passed in registers, the accumulators would live "
                    + "across the calls, and the JIT would store them to its frame at every step of the loop.");
                EmitStores(writer);
                EmitDerivativeCalls(writer, name);
            }
            else
            {
                writer.Comment(
                    "Epilogue: the previous layer's derivative on the registers, then one store per delta vector.");
                EmitDerivative(writer, previous, Cells());
                EmitStores(writer);
            }
        }

        if (function is not null)
        {
            writer.Line();
            EmitDerivativeHelper(writer, previous, name, function);
        }
    }

    /// <summary>The tile's accumulators, with the offset of each in the pre-activations and the guard of its row.
    /// </summary>
    private static List<Cell> Cells()
    {
        var cells = new List<Cell>();
        for (int r = 0; r < TileRows; r++)
        {
            for (int p = 0; p < TilePanels; p++)
            {
                string offset = $"row{r} * ResultStride + panel{p} * TSimd.Count";
                cells.Add(new Cell($"c{r}{p}", offset, r == 0 ? null : $"rows > {r}", p));
            }
        }

        return cells;
    }

    /// <summary>One store per delta vector of the tile; rows and panels past the last real one are not stored.</summary>
    private static void EmitStores(IndentedWriter writer)
    {
        for (int r = 0; r < TileRows; r++)
        {
            IDisposable? guard = r == 0 ? null : writer.Block($"if (rows > {r})");
            for (int p = 0; p < TilePanels; p++)
            {
                writer.Call(
                    "TSimd.Store(",
                    [$"c{r}{p}", "ref result", $"row{r} * ResultStride + panel{p} * TSimd.Count"],
                    ");",
                    prefix: p == 0 ? null : $"if (panel + {p} < panels) ");
            }

            guard?.Dispose();
        }
    }

    /// <summary>Calls the derivative helper on each row's stored sums, two panels a call. Rows past the last real one
    /// are skipped, and so are pairs of panels past it; in a pair that straddles it, the second vector (the last real
    /// one, re-read) is evaluated and not stored. The tile has an even number of panels.</summary>
    private static void EmitDerivativeCalls(IndentedWriter writer, string name)
    {
        for (int r = 0; r < TileRows; r++)
        {
            IDisposable? guard = r == 0 ? null : writer.Block($"if (rows > {r})");
            for (int p = 0; p < TilePanels; p += 2)
            {
                writer.Call(
                    $"{name}Derivative<TSimd, TVector>(",
                    [
                        "ref preActivation", "ref activation", "ref result",
                        $"row{r} * ResultStride + panel{p} * TSimd.Count",
                        $"row{r} * ResultStride + panel{p + 1} * TSimd.Count", $"panel + {p + 1} < panels",
                    ],
                    ");",
                    prefix: p == 0 ? null : $"if (panel + {p} < panels) ");
            }

            guard?.Dispose();
        }
    }

    /// <summary>The derivative of the previous layer's activation on two delta vectors of the tile, evaluated in
    /// double precision, and their stores: the epilogue of the input-gradient tile for every activation that has a
    /// function type.</summary>
    private static void EmitDerivativeHelper(IndentedWriter writer, LayerSpec previous, string name, string function)
    {
        writer.Comment($"The {previous.Activation} derivative applied to two stored sums of {name}'s tiles, "
            + "δ = f′(z, y)·Σ_u δ·W in double precision, each result stored over its sum. Never inlined, as the "
            + "forward kernels' activation is not: a tile holding all twelve evaluations would pass the JIT's limit of "
            + "tracked locals, past which the multiply-add loop keeps accumulators in the stack frame.");
        writer.Call($"[{Names.MethodImpl}(", [$"{Names.MethodImplOptions}.NoInlining"], ")]");
        writer.Call(
            $"private static void {name}Derivative<TSimd, TVector>(",
            [
                "ref float preActivation", "ref float activation", "ref float result",
                $"{Names.IntPtr} firstOffset", $"{Names.IntPtr} secondOffset", "bool storeSecond",
            ],
            ")",
            breakAfterHead: true);
        WriteConstraints(writer);
        using (writer.Block())
        {
            string slope = $"TSimd.MultiplyBySlope<{Names.Activations}.{function}>";
            string alpha = Literals.Double(previous.Alpha);
            foreach (string which in new[] { "first", "second" })
            {
                writer.Call(
                    $"TVector {which}Delta = {slope}(",
                    [
                        $"TSimd.Load(ref result, {which}Offset)", $"TSimd.Load(ref preActivation, {which}Offset)",
                        $"TSimd.Load(ref activation, {which}Offset)", alpha,
                    ],
                    ");");
            }

            writer.Line("TSimd.Store(firstDelta, ref result, firstOffset);");
            using (writer.Block("if (storeSecond)"))
            {
                writer.Line("TSimd.Store(secondDelta, ref result, secondOffset);");
            }
        }
    }

    /// <summary>The last layer's derivative applied to dLoss/dOutput in place (mean squared error on a non-linear
    /// output), with PReLU slope gradients when the last layer has them.</summary>
    public static void EmitOutputSlope(IndentedWriter writer, LayerSpec layer)
    {
        writer.Line("/// <summary>");
        writer.Doc($"Turns dLoss/dy into dLoss/dz for the output layer ({ForwardKernels.Describe(layer)}): "
            + "δ[b, u] = f′(z[b, u])·δ[b, u], in place.");
        writer.Line("/// </summary>");
        writer.Call(
            $"private static void {OutputSlopeName}<TSimd, TVector>(",
            [
                "ref float delta", "int rows", "ref float preActivation", "ref float activation", "ref float slopes",
                "ref float slopeGradient",
            ],
            ")",
            breakAfterHead: true);
        WriteConstraints(writer);
        using (writer.Block())
        {
            writer.Line($"const int Units = {layer.Units};");
            writer.Line($"const int Stride = {layer.PaddedUnits};");
            writer.Line("int panels = (Units + TSimd.Count - 1) / TSimd.Count;");
            using (writer.Block($"for ({Names.IntPtr} panel0 = 0; panel0 < panels; panel0++)"))
            {
                if (layer.HasSlopes)
                {
                    writer.Line("TVector slopeSum0 = TSimd.Zero;");
                }

                using (writer.Block($"for ({Names.IntPtr} row = 0; row < rows; row++)"))
                {
                    writer.Line($"{Names.IntPtr} offset = row * Stride + panel0 * TSimd.Count;");
                    writer.Line("TVector c = TSimd.Load(ref delta, offset);");
                    EmitDerivative(writer, layer, new[] { new Cell("c", "offset", null, 0) }, accumulateOutside: true);
                    writer.Line("TSimd.Store(c, ref delta, offset);");
                }

                if (layer.HasSlopes)
                {
                    writer.Call(
                        "TSimd.Store(",
                        [
                            "TSimd.Add(TSimd.Load(ref slopeGradient, panel0 * TSimd.Count), slopeSum0)",
                            "ref slopeGradient", "panel0 * TSimd.Count",
                        ],
                        ");");
                }
            }
        }
    }

    /// <summary>One accumulator of an epilogue: its variable, the offset of its row in the pre-activations, the guard
    /// under which its row is real (null when always), and its panel.</summary>
    private sealed record Cell(string Variable, string Offset, string? RowGuard, int Panel);

    /// <summary>Writes c ← f′(z, y)·c for each cell, for the activation of <paramref name="layer"/>.</summary>
    /// <remarks>Inlined where it is written. The input-gradient tiles use it only for the ReLU family, whose
    /// derivatives are a compare and a select: a tile holding twelve of the double-precision derivatives passes the
    /// JIT's limit of tracked locals, so those go through the tile's never-inlined Derivative helper.</remarks>
    private static void EmitDerivative(
        IndentedWriter writer, LayerSpec layer, IReadOnlyList<Cell> cells, bool accumulateOutside = false)
    {
        string? function = Traits.FunctionType(layer.Activation);
        switch (layer.Activation)
        {
            case ActKind.Linear:
                return;
            case ActKind.LeakyReLU:
                writer.Line($"TVector leak = TSimd.Create({Literals.Float(layer.Alpha)});");
                break;
            case ActKind.PReLU:
                foreach (int p in cells.Select(c => c.Panel).Distinct())
                {
                    writer.Line($"TVector slope{p} = TSimd.Load(ref slopes, panel{p} * TSimd.Count);");
                    if (!accumulateOutside)
                    {
                        writer.Line($"TVector slopeSum{p} = TSimd.Zero;");
                    }
                }

                break;
        }

        foreach (Cell cell in cells)
        {
            string c = cell.Variable;
            string z = $"TSimd.Load(ref preActivation, {cell.Offset})";
            switch (layer.Activation)
            {
                case ActKind.ReLU:
                    writer.Call($"{c} = TSimd.WherePositive(", [z, c, "TSimd.Zero"], ");");
                    break;
                case ActKind.LeakyReLU:
                    writer.Call($"{c} = TSimd.WherePositive(", [z, c, $"TSimd.Multiply({c}, leak)"], ");");
                    break;
                case ActKind.PReLU:
                    // dLoss/dα = Σ over rows of δ·z where z ≤ 0; rows past the last real one must not count.
                    string zName = "z" + c;
                    writer.Line($"TVector {zName} = {z};");
                    writer.Call(
                        $"slopeSum{cell.Panel} = TSimd.Add(",
                        [
                            $"slopeSum{cell.Panel}",
                            $"TSimd.WherePositive({zName}, TSimd.Zero, TSimd.Multiply({c}, {zName}))",
                        ],
                        ");",
                        prefix: cell.RowGuard is null ? null : $"if ({cell.RowGuard}) ");
                    writer.Call(
                        $"{c} = TSimd.WherePositive(", [zName, c, $"TSimd.Multiply({c}, slope{cell.Panel})"], ");");
                    break;
                default:
                    writer.Call(
                        $"{c} = TSimd.MultiplyBySlope<{Names.Activations}.{function}>(",
                        [c, z, $"TSimd.Load(ref activation, {cell.Offset})", Literals.Double(layer.Alpha)],
                        ");");
                    break;
            }
        }

        if (layer.Activation == ActKind.PReLU && !accumulateOutside)
        {
            foreach (int p in cells.Select(c => c.Panel).Distinct())
            {
                writer.Call(
                    "TSimd.Store(",
                    [
                        $"TSimd.Add(TSimd.Load(ref slopeGradient, panel{p} * TSimd.Count), slopeSum{p})",
                        "ref slopeGradient", $"panel{p} * TSimd.Count",
                    ],
                    ");",
                    prefix: p == 0 ? null : $"if (panel + {p} < panels) ");
            }
        }
    }

    private static void WritePanels(IndentedWriter writer)
    {
        for (int p = 0; p < TilePanels; p++)
        {
            string index = p == 0 ? "panel;" : $"global::System.Math.Min(panel + {p}, panels - 1);";
            writer.Wrap($"{Names.IntPtr} panel{p} = ", index);
        }
    }

    private static void WriteAccumulators(IndentedWriter writer)
        => ForwardKernels.WriteAccumulators(writer, TileRows, TilePanels);

    private static void WriteConstraints(IndentedWriter writer)
    {
        writer.Line($"    where TSimd : struct, {Names.Simd}");
        writer.Line("    where TVector : struct");
    }
}
