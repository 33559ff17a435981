namespace NetDsl.Training;

/// <summary>
/// Rows of features with a class label or a target vector each, as the training loop consumes them. Views share the
/// arrays: <see cref="Slice"/> makes a validation split without copying.
/// </summary>
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

    /// <summary>A set of rows with class labels.</summary>
    public static TrainingSet WithLabels(float[] features, int featureCount, int[] labels)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        Validate(features, featureCount, labels.Length);
        return new TrainingSet(features, featureCount, labels, null, 0, 0, labels.Length);
    }

    /// <summary>A set of rows with target vectors of <paramref name="targetCount"/> values.</summary>
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

        Validate(features, featureCount, targets.Length / targetCount);
        return new TrainingSet(features, featureCount, null, targets, targetCount, 0, targets.Length / targetCount);
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

    private static void Validate(float[] features, int featureCount, int rows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(featureCount, 1);
        if (features.Length != (long)rows * featureCount)
        {
            throw new ArgumentException(
                $"Expected {(long)rows * featureCount} features for {rows} rows of {featureCount}"
                    + $", got {features.Length}.",
                nameof(features));
        }
    }
}
