using NetDsl.Tests.Training.Models;
using NetDsl.Training;

namespace NetDsl.Tests.Training;

/// <summary>Sets of rows with target vectors: their views, their checks, and their rows as the loop batches them.
/// </summary>
public class TrainingSetTests
{
    [Fact]
    public void A_set_of_targets_views_its_arrays_row_by_row()
    {
        float[] features = [0, 1, 2, 10, 11, 12, 20, 21, 22, 30, 31, 32];
        float[] targets = [0.5f, -1, 1.5f, -2, 2.5f, -3, 3.5f, -4];
        var set = TrainingSet.WithTargets(features, 3, targets, 2);

        Assert.Equal(4, set.Count);
        Assert.Equal(3, set.FeatureCount);
        Assert.Equal(2, set.TargetCount);
        Assert.False(set.HasLabels);
        Assert.True(set.Labels.IsEmpty);
        Assert.Equal(features, set.Features.ToArray());
        Assert.Equal(targets, set.Targets.ToArray());

        TrainingSet middle = set.Slice(1, 2);
        Assert.Equal(2, middle.Count);
        Assert.Equal(2, middle.TargetCount);
        Assert.Equal([10f, 11, 12, 20, 21, 22], middle.Features.ToArray());
        Assert.Equal([1.5f, -2, 2.5f, -3], middle.Targets.ToArray());
        Assert.Equal([2.5f, -3], middle.Slice(1, 1).Targets.ToArray());
        Assert.Equal(0, set.Slice(4, 0).Count);

        // A view shares the arrays: no copy.
        targets[3] = 7;
        Assert.Equal(7, middle.Targets[1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => set.Slice(3, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => set.Slice(-1, 1));
    }

    [Fact]
    public void Rows_are_copied_into_batch_slots_with_their_own_targets()
    {
        TrainingSet set = TrainingSet
            .WithTargets([0, 1, 2, 10, 11, 12, 20, 21, 22], 3, [0.5f, -1, 1.5f, -2, 2.5f, -3], 2)
            .Slice(1, 2);
        var features = new float[2 * 3];
        var targets = new float[2 * 2];
        set.CopyRow(1, features, [], targets, 0);
        set.CopyRow(0, features, [], targets, 1);
        Assert.Equal([20f, 21, 22, 10, 11, 12], features);
        Assert.Equal([2.5f, -3, 1.5f, -2], targets);
    }

    [Fact]
    public void Bad_shapes_are_refused_with_what_was_expected()
    {
        var error = Assert.Throws<ArgumentException>(() => TrainingSet.WithTargets(new float[6], 3, new float[5], 2));
        Assert.Contains("multiple of 2 targets, got 5", error.Message);
        Assert.Equal("targets", error.ParamName);

        error = Assert.Throws<ArgumentException>(() => TrainingSet.WithTargets(new float[7], 3, new float[4], 2));
        Assert.Contains("Expected 6 features for 2 rows of 3, got 7: not a whole number of rows", error.Message);
        Assert.Equal("features", error.ParamName);
        error = Assert.Throws<ArgumentException>(() => TrainingSet.WithLabels(new float[7], 2, [0, 1]));
        Assert.Contains("Expected 4 features for 2 rows of 2, got 7: not a whole number of rows", error.Message);
        Assert.Equal("features", error.ParamName);

        // Whole rows of features, but not as many as there are labels or target rows: that count is what disagrees.
        // The features were once blamed ("Expected 2 features for 1 rows of 2, got 4.").
        error = Assert.Throws<ArgumentException>(() => TrainingSet.WithLabels(new float[4], 2, [0]));
        Assert.StartsWith("The features hold 2 rows of 2, the labels 1: give one label per row of features.",
            error.Message, StringComparison.Ordinal);
        Assert.Equal("labels", error.ParamName);
        error = Assert.Throws<ArgumentException>(() => TrainingSet.WithTargets(new float[6], 3, new float[6], 2));
        Assert.StartsWith(
            "The features hold 2 rows of 3, the targets 3 rows of 2: give one target row per row of features.",
            error.Message, StringComparison.Ordinal);
        Assert.Equal("targets", error.ParamName);
        error = Assert.Throws<ArgumentException>(() => TrainingSet.WithTargets(new float[3], 3, new float[4], 2));
        Assert.StartsWith(
            "The features hold 1 row of 3, the targets 2 rows of 2", error.Message, StringComparison.Ordinal);

        Assert.Equal("targetCount", Refused<ArgumentOutOfRangeException>(() => TrainingSet.WithTargets([], 1, [], 0)));
        Assert.Equal("featureCount", Refused<ArgumentOutOfRangeException>(() => TrainingSet.WithTargets([], 0, [], 1)));
        Assert.Equal("features", Refused<ArgumentNullException>(() => TrainingSet.WithTargets(null!, 1, [], 1)));
        Assert.Equal("targets", Refused<ArgumentNullException>(() => TrainingSet.WithTargets([], 1, null!, 1)));
        Assert.Equal("features", Refused<ArgumentNullException>(() => TrainingSet.WithLabels(null!, 1, [])));
        Assert.Equal("labels", Refused<ArgumentNullException>(() => TrainingSet.WithLabels([], 1, null!)));
    }

    /// <summary>The name of the argument that <paramref name="action"/> is refused for.</summary>
    private static string? Refused<T>(Func<TrainingSet> action)
        where T : ArgumentException => Assert.Throws<T>(action).ParamName;

    [Fact]
    public void One_hot_targets_train_a_softmax_network_exactly_as_their_labels_do()
    {
        // Through the whole loop: shuffling, batching and CopyRow for targets must line rows up with their targets as
        // for labels, and cross-entropy against a one-hot row is bit for bit the labelled loss and gradient.
        TrainingSet labelled = LearningTests.Spirals(pointsPerArm: 40);
        float[] oneHot = labelled.Labels.ToArray().SelectMany(l => l == 0 ? new[] { 1f, 0f } : [0f, 1f]).ToArray();
        TrainingSet targeted = TrainingSet.WithTargets(labelled.Features.ToArray(), 2, oneHot, 2);
        var options = new TrainingOptions { Epochs = 2, BatchSize = 16, Seed = 3 };

        var first = new Spirals();
        TrainingHistory byLabels = TrainingLoop.Run(
            first.CreateTrainer(new Adam(0.01f), 16), labelled.Slice(0, 60), labelled.Slice(60, 20), options);
        var second = new Spirals();
        TrainingHistory byTargets = TrainingLoop.Run(
            second.CreateTrainer(new Adam(0.01f), 16), targeted.Slice(0, 60), targeted.Slice(60, 20), options);

        var expected = new float[Spirals.ParameterCount];
        var actual = new float[Spirals.ParameterCount];
        first.ExportParameters(expected);
        second.ExportParameters(actual);
        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), actual.Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(byLabels.Epochs.Select(e => e.TrainingLoss), byTargets.Epochs.Select(e => e.TrainingLoss));
        Assert.Equal(byLabels.Epochs.Select(e => e.Validation), byTargets.Epochs.Select(e => e.Validation));
    }
}
