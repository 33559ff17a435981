using System.Linq;
using NetDsl.Generator.Model;

namespace NetDsl.Generator.Emit;

/// <summary>
/// Writes <c>CreateTrainer</c> and the nested <c>Trainer</c> class: the training forward pass (every layer's
/// pre-activations kept), the loss chosen at compile time, the backward pass through the fused backward kernels, and
/// the optimizer update over the packed storage, whose padding it zeroes again after every update.
/// </summary>
/// <remarks>
/// The trainer's work buffer holds, per batch row, each layer's pre-activations and activations, then two delta rows
/// used alternately from the last layer down. Backward kernels read the weights of layers after the first as rows
/// padded to 16 floats, refreshed from the panels after every update.
/// </remarks>
internal static class TrainerEmitter
{
    public static bool NeedsOutputSlope(NetworkSpec spec)
        => spec.Loss == LossKind.MeanSquaredError
            && spec.Layers[spec.Layers.Count - 1].Activation is not (ActKind.Linear or ActKind.Softmax);

    public static void Emit(IndentedWriter writer, NetworkSpec spec, StorageLayout layout, KernelPlan kernels)
    {
        writer.Doc("<summary>Creates a trainer that updates this network's parameters in place. Its buffers, for up to "
            + "<paramref name=\"maxBatchSize\"/> rows, are allocated now; steps allocate nothing.</summary>");
        writer.Doc("<param name=\"optimizer\">The update rule, for example "
            + "<c>new global::NetDsl.Training.Adam(1e-3f)</c>.</param>");
        writer.Line("/// <param name=\"maxBatchSize\">The largest batch a step or an evaluation chunk holds.</param>");
        using (writer.Block($"public Trainer CreateTrainer({Names.IOptimizer} optimizer, int maxBatchSize = 256)"))
        {
            writer.Line("return new Trainer(this, optimizer, maxBatchSize);");
        }

        writer.Line();
        writer.Line("/// <inheritdoc/>");
        // Too wide for a line, the declaration breaks after its parenthesis and the body goes on a line of its own.
        string head = $"{Names.ITrainer} {Names.INetwork}.CreateTrainer(";
        string[] parameters = [$"{Names.IOptimizer} optimizer", "int maxBatchSize"];
        string declaration = head + string.Join(", ", parameters) + ")";
        if (writer.Fits(declaration))
        {
            writer.Arrow(declaration, "CreateTrainer(", ["optimizer", "maxBatchSize"], ");");
        }
        else
        {
            writer.Call(head, parameters, ")", breakAfterHead: true);
            using (writer.Indent())
            {
                writer.Line("=> CreateTrainer(optimizer, maxBatchSize);");
            }
        }
        writer.Line();
        writer.Doc($"<summary>Trains a <see cref=\"{spec.QualifiedName}\"/> on {LossDescription(spec.Loss)}; see "
            + $"<see cref=\"{Names.ITrainer}\"/>.</summary>");
        using (writer.Block($"public sealed class Trainer : {Names.ITrainer}"))
        {
            EmitLayout(writer, spec);
            writer.Line();
            EmitFields(writer, spec);
            writer.Line();
            EmitMembers(writer, spec);
            writer.Line();
            EmitPasses(writer, spec, kernels);
        }
    }

    private static void EmitLayout(IndentedWriter writer, NetworkSpec spec)
    {
        writer.Comment(
            "Work buffer, per batch row: each layer's pre-activations (Z) and activations (A), then two delta rows.");
        int perRow = 0;
        for (int i = 0; i < spec.Layers.Count; i++)
        {
            int padded = spec.Layers[i].PaddedUnits;
            writer.Line($"private const int Layer{i}Z = {perRow}, Layer{i}A = {perRow + padded};");
            perRow += 2 * padded;
        }

        writer.Line($"private const int Deltas = {perRow};");
        writer.Line("private const int WorkPerRow = Deltas + 2 * MaxStride;");
        writer.Line();
        writer.Comment(
            "The weights of layers 1 and up as rows padded to 16 floats, the layout of the input-gradient kernels.");
        int rows = 0;
        for (int i = 1; i < spec.Layers.Count; i++)
        {
            writer.Line($"private const int Layer{i}Rows = {Literals.Int(rows)};");
            rows += spec.Layers[i].Units * spec.Layers[i].PaddedFanIn;
        }

        writer.Line($"private const int RowsLength = {Literals.Int(rows)};");
        writer.Line();
        writer.Comment(
            "Per layer: its unit count, its padded row stride and where its Z rows start (per batch row; A follows).");
        writer.Call(
            "private static readonly int[] UnitsOf = { ", spec.Layers.Select(l => $"{l.Units}").ToList(), " };");
        writer.Call(
            "private static readonly int[] StrideOf = { ", spec.Layers.Select(l => $"{l.PaddedUnits}").ToList(), " };");
        writer.Call(
            "private static readonly int[] ZOf = { ",
            Enumerable.Range(0, spec.Layers.Count).Select(i => $"Layer{i}Z").ToList(),
            " };");
    }

    private static void EmitFields(IndentedWriter writer, NetworkSpec spec)
    {
        writer.Line($"private readonly {spec.QualifiedName} _network;");
        writer.Line($"private readonly {Names.IOptimizer} _optimizer;");
        writer.Line("private readonly int _maxBatch;");
        writer.Wrap(
            $"private readonly {Names.AlignedBuffer} _gradients = ", $"new {Names.AlignedBuffer}(StorageLength);");
        writer.Wrap($"private readonly {Names.AlignedBuffer} _rows = ", $"new {Names.AlignedBuffer}(RowsLength);");
        writer.Line($"private readonly {Names.AlignedBuffer} _state;");
        writer.Line($"private readonly {Names.AlignedBuffer} _work;");
        writer.Line("private long _steps;");
        writer.Line("private int _lastRows;");
        writer.Line("private int _rowsVersion;");
        writer.Line();
        writer.Call(
            "internal Trainer(",
            [$"{spec.QualifiedName} network", $"{Names.IOptimizer} optimizer", "int maxBatchSize"],
            ")",
            breakAfterHead: true);
        using (writer.Block())
        {
            writer.Line("_network = network;");
            writer.Wrap(
                "_optimizer = optimizer ", "?? throw new global::System.ArgumentNullException(\"optimizer\");");
            using (writer.Block("if (maxBatchSize < 1 || (long)maxBatchSize * WorkPerRow > int.MaxValue - 64)"))
            {
                writer.Call(
                    "throw new global::System.ArgumentOutOfRangeException(",
                    [
                        "\"maxBatchSize\"", "maxBatchSize",
                        "$\"The batch must hold between 1 and {(int.MaxValue - 64) / WorkPerRow} rows.\"",
                    ],
                    ");");
            }

            writer.Line();
            // Read once: the state is sized now. A negative count once reached the buffer, whose message named
            // neither the optimizer nor StateSlots.
            writer.Line("int slots = optimizer.StateSlots;");
            using (writer.Block("if (slots < 0)"))
            {
                writer.Call(
                    $"throw new {Names.ArgumentException}(",
                    [
                        "$\"StateSlots is {slots}: an optimizer keeps 0 or more floats of state per parameter.\"",
                        "\"optimizer\"",
                    ],
                    ");");
            }

            writer.Line();
            writer.Line("long stateLength = (long)slots * StorageLength;");
            using (writer.Block("if (stateLength > int.MaxValue - 64)"))
            {
                writer.Call(
                    "throw new global::System.ArgumentException(",
                    ["\"The optimizer's state does not fit in one array.\"", "\"optimizer\""],
                    ");");
            }

            writer.Line();
            writer.Line("_maxBatch = maxBatchSize;");
            writer.Line($"_work = new {Names.AlignedBuffer}(maxBatchSize * WorkPerRow);");
            writer.Line($"_state = new {Names.AlignedBuffer}((int)stateLength);");
            writer.Line("RefreshRows();");
        }
    }

    private static void EmitMembers(IndentedWriter writer, NetworkSpec spec)
    {
        LayerSpec last = spec.Layers[spec.Layers.Count - 1];
        string lastIndex = Literals.Int(spec.Layers.Count - 1);
        writer.Line("/// <inheritdoc/>");
        writer.Line($"public {Names.INetwork} Network => _network;");
        writer.Line();
        writer.Line("/// <inheritdoc/>");
        writer.Line($"public {Names.IOptimizer} Optimizer => _optimizer;");
        writer.Line();
        writer.Line("/// <inheritdoc/>");
        writer.Line($"public global::NetDsl.Loss Loss => global::NetDsl.Loss.{spec.Loss};");
        writer.Line();
        writer.Line("/// <inheritdoc/>");
        writer.Line("public int MaxBatchSize => _maxBatch;");
        writer.Line();
        writer.Line("/// <inheritdoc/>");
        writer.Line("public long StepCount => _steps;");
        writer.Line();
        writer.Line("/// <inheritdoc/>");
        writer.Line("public int LastBatchSize => _lastRows;");
        writer.Line();

        foreach (string kind in new[] { "labels", "targets" })
        {
            string type = kind == "labels" ? "global::System.ReadOnlySpan<int>" : Names.ReadOnlySpan;
            writer.Line("/// <inheritdoc/>");
            writer.Call(
                "public float Step(", [$"{Names.ReadOnlySpan} inputs", $"{type} {kind}"], ")", breakAfterHead: true);
            using (writer.Block())
            {
                writer.Line($"float loss = ComputeGradients(inputs, {kind});");
                writer.Line("RequireFinite(loss);");
                writer.Line("Update();");
                writer.Line("return loss;");
            }

            writer.Line();
        }

        using (writer.Block("private static void RequireFinite(float loss)"))
        {
            writer.Comment("A loss past float's range can come with finite gradients (a target of 3e38 under mean "
                + "squared error, logits of ±3e38 under cross-entropy), whose update would overflow the next step: "
                + "refused before the update, as the optimizers refuse a non-finite gradient, so nothing changes and "
                + "no step is counted.");
            using (writer.Block("if (!float.IsFinite(loss))"))
            {
                writer.Line("throw new global::System.NotFiniteNumberException(");
                using (writer.Indent())
                {
                    writer.Wrap(
                        "$\"The loss is {loss}: the parameters were left unchanged. \"",
                        " + \"The batch's inputs or targets are too large for float, the parameters \"",
                        " + \"already are, or training diverged (a lower learning rate may help).\",");
                    writer.Line("loss);");
                }
            }
        }

        writer.Line();

        // Gradients against labels exist for cross-entropy only; against targets for every loss.
        writer.Line("/// <inheritdoc/>");
        writer.Call(
            "public float ComputeGradients(",
            [$"{Names.ReadOnlySpan} inputs", "global::System.ReadOnlySpan<int> labels"],
            ")",
            breakAfterHead: true);
        using (writer.Block())
        {
            if (spec.Loss != LossKind.CrossEntropy)
            {
                writer.Call(
                    "throw new global::System.InvalidOperationException(",
                    [$"\"{spec.Name} trains on {spec.Loss}, which needs target vectors, not class labels.\""],
                    ");");
            }
            else
            {
                writer.Line("int rows = CheckRows(inputs, _maxBatch);");
                writer.Line("CheckLabels(labels, rows);");
                writer.Line("ForwardPass(inputs, rows);");
                writer.Call(
                    $"double total = {Names.Losses}.CrossEntropy(",
                    [
                        $"Read(Layer{lastIndex}Z, rows)", $"Read(Layer{lastIndex}A, rows)", "rows", "OutputSize",
                        $"{last.PaddedUnits}", "labels", "1f / rows", "Delta(rows)",
                    ],
                    ");");
                writer.Line("BackwardPass(inputs, rows);");
                writer.Line("return (float)(total / rows);");
            }
        }

        writer.Line();
        writer.Line("/// <inheritdoc/>");
        writer.Call(
            "public float ComputeGradients(",
            [$"{Names.ReadOnlySpan} inputs", $"{Names.ReadOnlySpan} targets"],
            ")",
            breakAfterHead: true);
        using (writer.Block())
        {
            writer.Line("int rows = CheckRows(inputs, _maxBatch);");
            writer.Line("CheckTargets(targets, rows);");
            writer.Line("ForwardPass(inputs, rows);");
            (string loss, string[] arguments) = TargetLoss(spec, "rows", "targets", scaled: true);
            writer.Call($"double total = {loss}(", arguments, ");");
            if (spec.Loss == LossKind.MeanSquaredError && last.Activation == ActKind.Softmax)
            {
                writer.Call(
                    $"{Names.Losses}.SoftmaxBackward(",
                    [$"Read(Layer{lastIndex}A, rows)", "rows", "OutputSize", $"{last.PaddedUnits}", "Delta(rows)"],
                    ");");
            }

            writer.Line("BackwardPass(inputs, rows);");
            writer.Line($"return (float)(total / {MeanDivisor(spec.Loss, "rows")});");
        }

        writer.Line();
        EmitEvaluate(writer, spec, lastIndex, last);
        writer.Line();
        writer.Line("/// <inheritdoc/>");
        using (writer.Block($"public void ExportGradients({Names.Span} destination)"))
        {
            writer.Line("RequireLength(destination.Length, ParameterCount, \"destination\");");
            writer.Line("Unpack(_gradients, destination);");
        }

        writer.Line();
        writer.Line("/// <inheritdoc/>");
        writer.Arrow(
            $"public void ExportActivations(int layer, {Names.Span} destination)",
            "ExportRows(",
            ["layer", "1", "destination"],
            ");");
        writer.Line();
        writer.Line("/// <inheritdoc/>");
        writer.Arrow(
            $"public void ExportPreActivations(int layer, {Names.Span} destination)",
            "ExportRows(",
            ["layer", "0", "destination"],
            ");");
    }

    private static void EmitEvaluate(IndentedWriter writer, NetworkSpec spec, string lastIndex, LayerSpec last)
    {
        writer.Line("/// <inheritdoc/>");
        writer.Call(
            "public global::NetDsl.Training.Evaluation Evaluate(",
            [$"{Names.ReadOnlySpan} inputs", "global::System.ReadOnlySpan<int> labels"],
            ")",
            breakAfterHead: true);
        using (writer.Block())
        {
            if (spec.Loss != LossKind.CrossEntropy)
            {
                writer.Call(
                    "throw new global::System.InvalidOperationException(",
                    [$"\"{spec.Name} trains on {spec.Loss}, which needs target vectors, not class labels.\""],
                    ");");
            }
            else
            {
                writer.Line("int total = CheckRows(inputs, int.MaxValue);");
                writer.Line("CheckLabels(labels, total);");
                writer.Line("double loss = 0;");
                writer.Line("long correct = 0;");
                using (writer.Block("for (int start = 0; start < total; start += _maxBatch)"))
                {
                    writer.Line("int rows = global::System.Math.Min(_maxBatch, total - start);");
                    writer.Line("global::System.ReadOnlySpan<int> part = labels.Slice(start, rows);");
                    writer.Line("ForwardPass(inputs.Slice(start * InputSize, rows * InputSize), rows);");
                    writer.Call(
                        $"loss += {Names.Losses}.CrossEntropy(",
                        [
                            $"Read(Layer{lastIndex}Z, rows)", $"Read(Layer{lastIndex}A, rows)", "rows", "OutputSize",
                            $"{last.PaddedUnits}", "part", "1f", "Delta(rows)",
                        ],
                        ");");
                    writer.Call(
                        $"correct += {Names.Losses}.CountCorrect(",
                        [$"Read(Layer{lastIndex}A, rows)", "rows", "OutputSize", $"{last.PaddedUnits}", "part"],
                        ");");
                }

                writer.Line();
                writer.Call(
                    "return new global::NetDsl.Training.Evaluation(",
                    ["loss / total", "(double)correct / total", "total"],
                    ");");
            }
        }

        writer.Line();
        writer.Line("/// <inheritdoc/>");
        writer.Call(
            "public global::NetDsl.Training.Evaluation Evaluate(",
            [$"{Names.ReadOnlySpan} inputs", $"{Names.ReadOnlySpan} targets"],
            ")",
            breakAfterHead: true);
        using (writer.Block())
        {
            string? count = spec.Loss switch
            {
                LossKind.CrossEntropy => "CountCorrect",
                LossKind.BinaryCrossEntropy => "CountCorrectBinary",
                _ => null,
            };
            writer.Line("int total = CheckRows(inputs, int.MaxValue);");
            writer.Line("CheckTargets(targets, total);");
            writer.Line("double loss = 0;");
            if (count is not null)
            {
                writer.Line("long correct = 0;");
            }

            using (writer.Block("for (int start = 0; start < total; start += _maxBatch)"))
            {
                writer.Line("int rows = global::System.Math.Min(_maxBatch, total - start);");
                writer.Wrap($"{Names.ReadOnlySpan} part = ", "targets.Slice(start * OutputSize, rows * OutputSize);");
                writer.Line("ForwardPass(inputs.Slice(start * InputSize, rows * InputSize), rows);");
                (string loss, string[] arguments) = TargetLoss(spec, "rows", "part", scaled: false);
                writer.Call($"loss += {loss}(", arguments, ");");
                if (count is not null)
                {
                    writer.Call(
                        $"correct += {Names.Losses}.{count}(",
                        [$"Read(Layer{lastIndex}A, rows)", "rows", "OutputSize", $"{last.PaddedUnits}", "part"],
                        ");");
                }
            }

            string accuracy = spec.Loss switch
            {
                LossKind.CrossEntropy => "(double)correct / total",
                LossKind.BinaryCrossEntropy => "(double)correct / ((long)total * OutputSize)",
                _ => "double.NaN",
            };
            writer.Line();
            writer.Call(
                "return new global::NetDsl.Training.Evaluation(",
                [$"loss / {MeanDivisor(spec.Loss, "total")}", accuracy, "total"],
                ");");
        }
    }

    private static void EmitPasses(IndentedWriter writer, NetworkSpec spec, KernelPlan kernels)
    {
        int count = spec.Layers.Count;
        using (writer.Block("private static int CheckRows(global::System.ReadOnlySpan<float> inputs, int limit)"))
        {
            using (writer.Block("if (inputs.Length == 0)"))
            {
                writer.Call(
                    $"throw new {Names.ArgumentException}(",
                    ["\"The inputs are empty: give at least one row of InputSize floats.\"", "\"inputs\""],
                    ");");
            }

            writer.Line();
            // Two faults, two messages: one for both once told an evaluation it took "1 to 2147483647 rows", and left
            // the user to divide by InputSize to see that a step's batch was over MaxBatchSize.
            using (writer.Block("if (inputs.Length % InputSize != 0)"))
            {
                writer.Call(
                    $"throw new {Names.ArgumentException}(",
                    ["$\"Expected a multiple of InputSize = {InputSize} floats, got {inputs.Length}.\"", "\"inputs\""],
                    ");");
            }

            writer.Line();
            writer.Line("int rows = inputs.Length / InputSize;");
            using (writer.Block("if (rows > limit)"))
            {
                writer.Call(
                    $"throw new {Names.ArgumentException}(",
                    [
                        "$\"The batch has {rows} rows, more than the trainer's MaxBatchSize of {limit}: split it, or "
                            + "pass a larger maxBatchSize to CreateTrainer.\"",
                        "\"inputs\"",
                    ],
                    ");");
            }

            writer.Line();
            writer.Line("return rows;");
        }

        writer.Line();
        using (writer.Block("private static void CheckTargets(global::System.ReadOnlySpan<float> targets, int rows)"))
        {
            using (writer.Block("if (targets.Length != (long)rows * OutputSize)"))
            {
                writer.Call(
                    $"throw new {Names.ArgumentException}(",
                    [
                        "$\"Expected {(long)rows * OutputSize} targets ({rows} rows × OutputSize = {OutputSize}), "
                            + "got {targets.Length}.\"",
                        "\"targets\"",
                    ],
                    ");");
            }
        }

        writer.Line();
        using (writer.Block("private static void CheckLabels(global::System.ReadOnlySpan<int> labels, int rows)"))
        {
            using (writer.Block("if (labels.Length != rows)"))
            {
                writer.Call(
                    "throw new global::System.ArgumentException(",
                    ["$\"Expected {rows} labels, one per row, got {labels.Length}.\"", "\"labels\""],
                    ");");
            }

            writer.Line();
            using (writer.Block("for (int i = 0; i < labels.Length; i++)"))
            {
                using (writer.Block("if ((uint)labels[i] >= OutputSize)"))
                {
                    writer.Call(
                        "throw new global::System.ArgumentOutOfRangeException(",
                        [
                            "\"labels\"", "labels[i]",
                            "$\"The label of row {i} is {labels[i]}, not a class index from 0 to {OutputSize - 1}.\"",
                        ],
                        ");");
                }
            }
        }

        writer.Line();
        writer.Arrow(
            "private ref float Work(int perRowOffset)",
            "ref " + Names.Unsafe + ".Add(",
            ["ref _work.Start", $"({Names.IntPtr})_maxBatch * perRowOffset"],
            ");");
        writer.Line();
        writer.Arrow(
            $"private {Names.ReadOnlySpan} Read(int perRowOffset, int rows)",
            $"{Names.MemoryMarshal}.CreateReadOnlySpan(",
            ["ref Work(perRowOffset)", $"rows * {spec.Layers[count - 1].PaddedUnits}"],
            ");");
        writer.Line();
        writer.Comment("The last layer's deltas, which the loss writes; the backward pass alternates the two delta "
            + "buffers from there.");
        writer.Arrow(
            $"private {Names.Span} Delta(int rows)",
            $"{Names.MemoryMarshal}.CreateSpan(",
            ["ref Work(Deltas)", $"rows * {spec.Layers[count - 1].PaddedUnits}"],
            ");");
        writer.Line();
        using (writer.Block($"private void ExportRows(int layer, int part, {Names.Span} destination)"))
        {
            using (writer.Block("if ((uint)layer >= LayerCount)"))
            {
                writer.Call(
                    "throw new global::System.ArgumentOutOfRangeException(",
                    ["\"layer\"", "layer", "$\"The network has {LayerCount} layers.\""],
                    ");");
            }

            using (writer.Block("if (_lastRows == 0)"))
            {
                writer.Call(
                    "throw new global::System.InvalidOperationException(",
                    ["\"No batch has run yet: call Step, ComputeGradients or Evaluate first; this returns its rows.\""],
                    ");");
            }

            writer.Line();
            writer.Line("RequireLength(destination.Length, (long)_lastRows * UnitsOf[layer], \"destination\");");
            writer.Call(
                $"{Names.Rows}.Copy(",
                [
                    "ref Work(ZOf[layer] + part * StrideOf[layer])", "StrideOf[layer]", "_lastRows", "UnitsOf[layer]",
                    $"ref {Names.MemoryMarshal}.GetReference(destination)",
                ],
                ");");
        }

        writer.Line();
        using (writer.Block("private void Update()"))
        {
            using (writer.Block("try"))
            {
                writer.Comment(
                    "Counted once the optimizer has taken it: a refused update (a non-finite gradient) is no step.");
                writer.Call(
                    "_optimizer.Update(",
                    ["_network._parameters.Span", "_gradients.Span", "_state.Span", "_steps + 1"],
                    ");");
                writer.Line("_steps++;");
            }

            using (writer.Block("finally"))
            {
                writer.Comment("Also after an optimizer that threw half-way through: the padding back to zero, this "
                    + "trainer's rows refreshed, and a new version, which makes the network's other trainers refresh "
                    + "theirs before their next backward pass.");
                writer.Line("ClearPadding(_network._parameters.Span);");
                writer.Line("_network._version++;");
                writer.Line("RefreshRows();");
            }
        }

        writer.Line();
        EmitClearPadding(writer, spec);

        writer.Line();
        writer.Line("// Copies the weights of layers 1 and up into rows, as of the network's current parameters.");
        using (writer.Block("private void RefreshRows()"))
        {
            writer.Line("_rowsVersion = _network._version;");
            writer.Line($"{Names.Span} packed = _network._parameters.Span;");
            writer.Line($"{Names.Span} rows = _rows.Span;");
            writer.Line($"int width = {Names.Packing}.PanelWidth;");
            for (int i = 1; i < count; i++)
            {
                LayerSpec layer = spec.Layers[i];
                writer.Call(
                    $"{Names.Packing}.PanelsToRows(",
                    [
                        $"packed.Slice(Layer{i}Weights, {Literals.Int((long)layer.PaddedUnits * layer.FanIn)})",
                        $"rows.Slice(Layer{i}Rows, {Literals.Int((long)layer.Units * layer.PaddedFanIn)})",
                        $"{layer.Units}", $"{layer.FanIn}", "width", $"{layer.PaddedFanIn}",
                    ],
                    ");");
            }
        }

        writer.Line();
        using (writer.Block($"private void ForwardPass({Names.ReadOnlySpan} inputs, int rows)"))
        {
            writer.Line("_lastRows = rows;");
            writer.Line($"ref float x = ref {Names.MemoryMarshal}.GetReference(inputs);");
            NetworkEmitter.EmitDispatch(writer, "Forward", "ref x, rows");
        }

        writer.Line();
        writer.Line("// Every layer forward, keeping its pre-activations and activations for the backward pass.");
        writer.Line("private void Forward<TSimd, TVector>(ref float input, int rows)");
        writer.Line($"    where TSimd : struct, {Names.Simd}");
        writer.Line("    where TVector : struct");
        using (writer.Block())
        {
            writer.Line("ref float parameters = ref _network._parameters.Start;");
            writer.Line($"ref float none = ref {Names.Unsafe}.NullRef<float>();");
            for (int i = 0; i < count; i++)
            {
                LayerSpec layer = spec.Layers[i];
                string source = i == 0 ? "input" : $"Work(Layer{i - 1}A)";
                string stride = i == 0 ? "InputSize" : Literals.Int(spec.Layers[i - 1].PaddedUnits);
                string slopes = layer.HasSlopes
                    ? $"ref {Names.Unsafe}.Add(ref parameters, Layer{i}Slopes)"
                    : "ref none";
                writer.Call(
                    $"{kernels.ForwardName(i)}<TSimd, TVector>(",
                    [
                        $"ref {source}, {stride}, rows",
                        $"ref {Names.Unsafe}.Add(ref parameters, Layer{i}Weights)",
                        $"ref {Names.Unsafe}.Add(ref parameters, Layer{i}Bias)",
                        slopes,
                        $"ref Work(Layer{i}A), ref Work(Layer{i}Z), true",
                    ],
                    ");");
            }
        }

        writer.Line();
        using (writer.Block($"private void BackwardPass({Names.ReadOnlySpan} inputs, int rows)"))
        {
            writer.Comment("Parameters changed since the last refresh (Initialize, ImportParameters, another trainer's "
                + "step) make the rows stale.");
            using (writer.Block("if (_rowsVersion != _network._version)"))
            {
                writer.Line("RefreshRows();");
            }

            writer.Line();
            writer.Line($"ref float x = ref {Names.MemoryMarshal}.GetReference(inputs);");
            NetworkEmitter.EmitDispatch(writer, "Backward", "ref x, rows");
        }

        writer.Line();
        writer.Comment("From the last layer down: weight and bias gradients from each layer's deltas, then the deltas "
            + "of the layer before it, through that layer's activation derivative.");
        writer.Line("private void Backward<TSimd, TVector>(ref float input, int rows)");
        writer.Line($"    where TSimd : struct, {Names.Simd}");
        writer.Line("    where TVector : struct");
        using (writer.Block())
        {
            writer.Line("ref float parameters = ref _network._parameters.Start;");
            writer.Line("ref float gradients = ref _gradients.Start;");
            writer.Line($"ref float none = ref {Names.Unsafe}.NullRef<float>();");
            writer.Line("ref float even = ref Work(Deltas);");
            writer.Line("ref float odd = ref Work(Deltas + MaxStride);");
            for (int i = 0; i < count; i++)
            {
                if (spec.Layers[i].HasSlopes)
                {
                    writer.Call(
                        $"{Names.MemoryMarshal}.CreateSpan(",
                        [$"ref {Names.Unsafe}.Add(ref gradients, Layer{i}Slopes)", $"{spec.Layers[i].PaddedUnits}"],
                        ").Clear();");
                }
            }

            if (NeedsOutputSlope(spec))
            {
                int l = count - 1;
                string parameterSlopes = $"ref {Names.Unsafe}.Add(ref parameters, Layer{l}Slopes)";
                string gradientSlopes = $"ref {Names.Unsafe}.Add(ref gradients, Layer{l}Slopes)";
                string[] slopes =
                    spec.Layers[l].HasSlopes ? [parameterSlopes, gradientSlopes] : ["ref none", "ref none"];
                writer.Call(
                    $"{BackwardKernels.OutputSlopeName}<TSimd, TVector>(",
                    ["ref even, rows", $"ref Work(Layer{l}Z), ref Work(Layer{l}A)", .. slopes],
                    ");");
            }

            for (int i = count - 1; i >= 0; i--)
            {
                LayerSpec layer = spec.Layers[i];
                string delta = (count - 1 - i) % 2 == 0 ? "even" : "odd";
                string source = i == 0 ? "input" : $"Work(Layer{i - 1}A)";
                string stride = i == 0 ? "InputSize" : Literals.Int(spec.Layers[i - 1].PaddedUnits);
                writer.Line();
                writer.Call(
                    $"{kernels.WeightGradientName(i)}<TSimd, TVector>(",
                    [
                        $"ref {source}, {stride}, rows, ref {delta}",
                        $"ref {Names.Unsafe}.Add(ref gradients, Layer{i}Weights)",
                    ],
                    ");");
                writer.Call(
                    $"{Names.Gradients}.SumRows<TSimd, TVector>(",
                    [
                        $"ref {delta}, {layer.PaddedUnits}, rows",
                        $"({layer.Units} + TSimd.Count - 1) / TSimd.Count * TSimd.Count",
                        $"ref {Names.Unsafe}.Add(ref gradients, Layer{i}Bias)",
                    ],
                    ");");
                if (i > 0)
                {
                    LayerSpec previous = spec.Layers[i - 1];
                    string parameterSlopes = $"ref {Names.Unsafe}.Add(ref parameters, Layer{i - 1}Slopes)";
                    string gradientSlopes = $"ref {Names.Unsafe}.Add(ref gradients, Layer{i - 1}Slopes)";
                    string[] slopes = previous.HasSlopes ? [parameterSlopes, gradientSlopes] : ["ref none", "ref none"];
                    string target = delta == "even" ? "odd" : "even";
                    writer.Call(
                        $"{kernels.InputGradientName(i)}<TSimd, TVector>(",
                        [
                            $"ref {delta}, rows",
                            $"ref {Names.Unsafe}.Add(ref _rows.Start, Layer{i}Rows)",
                            $"ref Work(Layer{i - 1}Z), ref Work(Layer{i - 1}A)",
                            .. slopes,
                            $"ref {target}",
                        ],
                        ");");
                }
            }
        }
    }

    /// <summary>
    /// Writes <c>ClearPadding</c>, which zeroes the packed storage that holds no parameter: the lanes of units past a
    /// layer's last real one, in its weight panels, biases and slopes. The optimizer updates the whole storage, and
    /// Adam with ε = 0 writes 0/0 = NaN there; the kernels compute those lanes along with the real ones, so a value
    /// left there would reach the padding of the gradients, which the optimizers check. Layers whose width is a
    /// multiple of 16 have no padding and get no line; the others get constant offsets and lengths.
    /// </summary>
    private static void EmitClearPadding(IndentedWriter writer, NetworkSpec spec)
    {
        writer.Comment("Zeroes the storage past each layer's last real unit, whatever the optimizer wrote there: "
            + "the kernels compute those lanes too, and only zeros keep them out of the gradients.");
        using (writer.Block($"private static void ClearPadding({Names.Span} packed)"))
        {
            var padded = Enumerable.Range(0, spec.Layers.Count)
                .Where(i => spec.Layers[i].PaddedUnits != spec.Layers[i].Units)
                .ToList();
            if (padded.Count == 0)
            {
                writer.Comment("Every layer's width is a multiple of 16: nothing is padding.");
            }
            else
            {
                writer.Line($"int width = {Names.Packing}.PanelWidth;");
            }

            foreach (int i in padded)
            {
                LayerSpec layer = spec.Layers[i];
                int padding = layer.PaddedUnits - layer.Units;
                writer.Call(
                    $"{Names.Packing}.ClearPanelPadding(",
                    [
                        $"packed.Slice(Layer{i}Weights, {Literals.Int((long)layer.PaddedUnits * layer.FanIn)})",
                        $"{layer.Units}", $"{layer.FanIn}", "width",
                    ],
                    ");");
                writer.Line($"packed.Slice(Layer{i}Bias + {layer.Units}, {padding}).Clear();");
                if (layer.HasSlopes)
                {
                    writer.Line($"packed.Slice(Layer{i}Slopes + {layer.Units}, {padding}).Clear();");
                }
            }
        }
    }

    /// <summary>The loss over the last layer's rows against <paramref name="targets"/>: the method and its
    /// arguments.</summary>
    private static (string Method, string[] Arguments) TargetLoss(
        NetworkSpec spec, string rows, string targets, bool scaled)
    {
        string last = Literals.Int(spec.Layers.Count - 1);
        int stride = spec.Layers[spec.Layers.Count - 1].PaddedUnits;
        string scale = !scaled
            ? "1f"
            : spec.Loss == LossKind.CrossEntropy ? $"1f / {rows}" : $"1f / ({rows} * OutputSize)";
        string logits = $"Read(Layer{last}Z, {rows})";
        string outputs = $"Read(Layer{last}A, {rows})";
        string[] rest = [rows, "OutputSize", $"{stride}", targets, scale, $"Delta({rows})"];
        return spec.Loss switch
        {
            LossKind.CrossEntropy => ($"{Names.Losses}.CrossEntropy", [logits, outputs, .. rest]),
            LossKind.BinaryCrossEntropy => ($"{Names.Losses}.BinaryCrossEntropy", [logits, outputs, .. rest]),
            _ => ($"{Names.Losses}.SquaredError", [outputs, .. rest]),
        };
    }

    private static string MeanDivisor(LossKind loss, string rows)
        => loss == LossKind.CrossEntropy ? rows : $"((double){rows} * OutputSize)";

    private static string LossDescription(LossKind loss) => loss switch
    {
        LossKind.CrossEntropy => "softmax cross-entropy",
        LossKind.BinaryCrossEntropy => "binary cross-entropy with logits",
        _ => "mean squared error",
    };
}
