namespace NetDsl.Training;

/// <summary>
/// Rows of features with a class label or a target vector each, as the training loop consumes them. Views share the
/// arrays: <see cref="Slice"/> makes a validation split without copying.
/// </summary>
/// <remarks>Every feature and target must be finite: one NaN or infinity, trained on, turns every weight into NaN, so
/// the factories refuse it, naming its row and column. The arrays are not copied; values changed afterwards are not
/// checked again, though <see cref="TrainingLoop"/> still stops a run they make diverge.</remarks>
public sealed class TrainingSet
{
    private readonly float[] _features;
    private readonly int[]? _labels;
    private readonly float[]? _targets;
    private readonly int _start;

    private TrainingSet(
        float[] features, int featureCount, int[]? labels, float[]? targets, int targetCount, int start, int count)
    {
        _features = features;
        _labels = labels;
        _targets = targets;
        _start = start;
        FeatureCount = featureCount;
        TargetCount = targetCount;
        Count = count;
    }

    /// <summary>Features per row.</summary>
    public int FeatureCount { get; }

    /// <summary>Values per target row; 0 for a labelled set.</summary>
    public int TargetCount { get; }

    /// <summary>The number of rows.</summary>
    public int Count { get; }

    /// <summary>True when rows carry class labels rather than target vectors.</summary>
    public bool HasLabels => _labels is not null;

    /// <summary>All the features, row after row.</summary>
    public ReadOnlySpan<float> Features => _features.AsSpan(_start * FeatureCount, Count * FeatureCount);

    /// <summary>The labels (empty for a set of targets).</summary>
    public ReadOnlySpan<int> Labels => _labels is null ? [] : _labels.AsSpan(_start, Count);

    /// <summary>The targets, row after row (empty for a labelled set).</summary>
    public ReadOnlySpan<float> Targets
        => _targets is null ? [] : _targets.AsSpan(_start * TargetCount, Count * TargetCount);

    /// <summary>A set of rows with class labels, for a network with a Softmax output trained on cross-entropy.
    /// </summary>
    /// <exception cref="ArgumentException">The lengths do not agree, or a feature is NaN or infinite.</exception>
    public static TrainingSet WithLabels(float[] features, int featureCount, int[] labels)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        Validate(features, featureCount, labels.Length, $"the labels {labels.Length}", "one label", nameof(labels));
        RequireFinite(features, featureCount, "features", nameof(features));
        return new TrainingSet(features, featureCount, labels, null, 0, 0, labels.Length);
    }

    /// <summary>A set of rows with target vectors of <paramref name="targetCount"/> values: what each output should
    /// produce, such as values from 0 to 1 for a Sigmoid output.</summary>
    /// <exception cref="ArgumentException">The lengths do not agree, or a feature or target is NaN or infinite.
    /// </exception>
    public static TrainingSet WithTargets(float[] features, int featureCount, float[] targets, int targetCount)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentOutOfRangeException.ThrowIfLessThan(targetCount, 1);
        if (targets.Length % targetCount != 0)
        {
            throw new ArgumentException(
                $"Expected a multiple of {targetCount} targets, got {targets.Length}.", nameof(targets));
        }

        int rows = targets.Length / targetCount;
        Validate(features, featureCount, rows, $"the targets {Rows(rows)} of {targetCount}", "one target row",
            nameof(targets));
        RequireFinite(features, featureCount, "features", nameof(features));
        RequireFinite(targets, targetCount, "targets", nameof(targets));
        return new TrainingSet(features, featureCount, null, targets, targetCount, 0, rows);
    }

    /// <summary>Rows [start, start + count) as a set sharing these arrays.</summary>
    public TrainingSet Slice(int start, int count)
    {
        if (start < 0 || count < 0 || start + (long)count > Count)
        {
            throw new ArgumentOutOfRangeException(nameof(count),
                $"A slice of {count} rows from row {start} does not fit in a set of {Count} rows.");
        }

        return new TrainingSet(_features, FeatureCount, _labels, _targets, TargetCount, _start + start, count);
    }

    /// <summary>Copies row <paramref name="row"/>'s features, and its label or target, into a batch.</summary>
    internal void CopyRow(int row, Span<float> features, Span<int> labels, Span<float> targets, int slot)
    {
        Features.Slice(row * FeatureCount, FeatureCount).CopyTo(features.Slice(slot * FeatureCount, FeatureCount));
        if (HasLabels)
        {
            labels[slot] = Labels[row];
        }
        else
        {
            Targets.Slice(row * TargetCount, TargetCount).CopyTo(targets.Slice(slot * TargetCount, TargetCount));
        }
    }

    private static void RequireFinite(float[] values, int perRow, string what, string parameterName)
    {
        int bad = FiniteCheck.FirstNonFinite(values);
        if (bad >= 0)
        {
            throw new ArgumentException(
                $"The {what} hold {values[bad]} at row {bad / perRow}, column {bad % perRow}: one value that is not "
                    + "finite makes every weight NaN once trained on. Replace it (a missing value, for example, with "
                    + "the column's mean) or drop the row.",
                parameterName);
        }
    }

    /// <summary>Refuses features that are not whole rows of <paramref name="featureCount"/>, then features whose
    /// rows the labels or targets (<paramref name="rows"/> of them, described by <paramref name="counted"/>) do not
    /// match: the message and the argument name the side at fault.</summary>
    private static void Validate(
        float[] features, int featureCount, int rows, string counted, string perRow, string parameterName)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(featureCount, 1);
        if (features.Length % featureCount != 0)
        {
            throw new ArgumentException(
                $"Expected {(long)rows * featureCount} features for {Rows(rows)} of {featureCount}"
                    + $", got {features.Length}: not a whole number of rows.",
                nameof(features));
        }

        int featureRows = features.Length / featureCount;
        if (featureRows != rows)
        {
            throw new ArgumentException(
                $"The features hold {Rows(featureRows)} of {featureCount}, {counted}: give {perRow} per row of "
                    + "features.",
                parameterName);
        }
    }

    private static string Rows(long count) => count == 1 ? "1 row" : $"{count} rows";
}
