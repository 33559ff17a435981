using NetDsl.Training;

namespace NetDsl.Tests.Training;

/// <summary>Wrong training inputs and hyper-parameters are refused with a message that names what is wrong.</summary>
public class MisuseTests
{
    private static readonly float[] TwoRows = [0, 0, 1, 1];

    [Fact]
    public void A_label_count_other_than_the_row_count_is_refused_in_labels()
    {
        ITrainer trainer = new Models.Spirals().CreateTrainer(new Adam(), 4);

        var error = Assert.Throws<ArgumentException>(() => trainer.Step(TwoRows, [0, 1, 1]));

        Assert.Equal("labels", error.ParamName);
        Assert.StartsWith("Expected 2 labels, one per row, got 3.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_batch_over_the_trainers_maximum_names_its_rows_and_where_the_maximum_comes_from()
    {
        // Once "Expected 1 to 4 rows of InputSize = 2 floats, got 10 floats.": the rows left to count, and the 4 to
        // trace back to CreateTrainer.
        ITrainer trainer = new Models.Spirals().CreateTrainer(new Adam(), 4);
        float[] inputs = new float[5 * 2];

        foreach (Action call in new Action[]
        {
            () => trainer.Step(inputs, [0, 1, 0, 1, 0]),
            () => trainer.ComputeGradients(inputs, new float[5 * 2]),
        })
        {
            var error = Assert.Throws<ArgumentException>(call);
            Assert.StartsWith(
                "The batch has 5 rows, more than the trainer's MaxBatchSize of 4: split it, or pass a larger "
                    + "maxBatchSize to CreateTrainer.",
                error.Message, StringComparison.Ordinal);
            Assert.Equal("inputs", error.ParamName);
        }
    }

    [Fact]
    public void A_loop_batch_size_over_the_trainers_maximum_says_where_the_maximum_is_set()
    {
        // The default maximum is 256, set where the trainer was made, far from the options that ask for more.
        ITrainer trainer = new Models.Spirals().CreateTrainer(new Adam(), 4);
        TrainingSet data = TrainingSet.WithLabels(TwoRows, 2, [0, 1]);

        var error = Assert.Throws<ArgumentException>(
            () => TrainingLoop.Run(trainer, data, null, new TrainingOptions { BatchSize = 32 }));

        Assert.StartsWith(
            "The batch size must be between 1 and the trainer's MaxBatchSize (4), not 32: create the trainer with "
                + "CreateTrainer(optimizer, maxBatchSize: 32) or more.",
            error.Message, StringComparison.Ordinal);
        Assert.Equal("options", error.ParamName);
    }

    [Fact]
    public void Inputs_that_are_not_whole_rows_are_refused_without_a_row_limit()
    {
        // Evaluate has no row limit, yet once answered "Expected 1 to 2147483647 rows of InputSize = 2 floats".
        ITrainer trainer = new Models.Spirals().CreateTrainer(new Adam(), 4);
        float[] ragged = [0, 0, 1];

        foreach (Action call in new Action[]
        {
            () => trainer.Evaluate(ragged, [0]),
            () => trainer.Evaluate(ragged, new float[2]),
            () => trainer.Step(ragged, [0]),
        })
        {
            var error = Assert.Throws<ArgumentException>(call);
            Assert.StartsWith("Expected a multiple of InputSize = 2 floats, got 3.", error.Message,
                StringComparison.Ordinal);
            Assert.Equal("inputs", error.ParamName);
        }
    }

    [Fact]
    public void A_target_count_other_than_rows_times_outputs_shows_both()
    {
        // Once "Expected 4 floats, got 3.", with the product left for the user to work out.
        ITrainer trainer = new Models.Spirals().CreateTrainer(new Adam(), 4);

        foreach (Action call in new Action[]
        {
            () => trainer.Step(TwoRows, new float[3]),
            () => trainer.ComputeGradients(TwoRows, new float[3]),
            () => trainer.Evaluate(TwoRows, new float[3]),
        })
        {
            var error = Assert.Throws<ArgumentException>(call);
            Assert.StartsWith("Expected 4 targets (2 rows × OutputSize = 2), got 3.", error.Message,
                StringComparison.Ordinal);
            Assert.Equal("targets", error.ParamName);
        }
    }

    [Fact]
    public void A_label_outside_the_classes_names_its_row_and_value()
    {
        ITrainer trainer = new Models.Spirals().CreateTrainer(new Adam(), 4);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Evaluate(TwoRows, [1, 5]));

        Assert.StartsWith(
            "The label of row 1 is 5, not a class index from 0 to 1.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void A_learning_rate_that_is_negative_or_not_finite_is_refused(float rate)
    {
        Assert.Contains("learningRate must be a finite number of at least 0",
            Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(rate)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(rate));
        var sgd = new Sgd(0.1f);
        Assert.Throws<ArgumentOutOfRangeException>(() => sgd.LearningRate = rate);
        Assert.Equal(0.1f, sgd.LearningRate);
    }

    [Fact]
    public void Other_hyper_parameters_that_are_negative_or_not_finite_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(epsilon: -1e-8f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(weightDecay: float.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(0.1f, momentum: float.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(0.1f, weightDecay: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(beta1: 1));
        Assert.Equal(0f, new Sgd(0).LearningRate);
    }

    [Theory]
    [InlineData(2f)]
    [InlineData(1f)]
    [InlineData(-0.1f)]
    [InlineData(float.NaN)]
    public void Adam_betas_outside_0_and_1_are_refused_by_name_and_value(float beta)
    {
        // Once "Specified argument was out of the range of valid values."
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(1e-3f, beta1: beta));
        Assert.StartsWith($"beta1 must be at least 0 and below 1, such as 0.9, not {beta}.", error.Message,
            StringComparison.Ordinal);
        Assert.Equal("beta1", error.ParamName);
        error = Assert.Throws<ArgumentOutOfRangeException>(() => new AdamW(beta2: beta));
        Assert.StartsWith($"beta2 must be at least 0 and below 1", error.Message, StringComparison.Ordinal);
        Assert.Equal("beta2", error.ParamName);
    }

    [Fact]
    public void Schedule_arguments_are_refused_by_name_and_value()
    {
        (Func<object> Create, string Name, string Message)[] cases =
        [
            (() => new StepDecay(-1, 2), "initial", $"initial must be a finite number of at least 0, not {-1f}."),
            (() => new StepDecay(0.1f, 0), "stepSize", "stepSize must be at least 1, not 0."),
            (() => new StepDecay(0.1f, 2, float.NaN), "gamma", $"gamma must be a finite number of at least 0, not "
                + $"{float.NaN}."),
            (() => new CosineDecay(float.PositiveInfinity, 5), "initial", "initial must be a finite number"),
            (() => new CosineDecay(0.1f, -3), "epochs", $"epochs must be at least 1, not {-3}."),
            (() => new CosineDecay(0.1f, 5, -1), "minimum", $"minimum must be a finite number of at least 0, not "
                + $"{-1f}."),
            (() => new ConstantRate(-0.5f), "learningRate", "learningRate must be a finite number of at least 0"),
        ];
        foreach (var (create, name, message) in cases)
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(create);
            Assert.Equal(name, error.ParamName);
            Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        }

        foreach (ILearningRateSchedule schedule in new ILearningRateSchedule[]
            { new StepDecay(0.1f, 2), new CosineDecay(0.1f, 5), new ConstantRate(0.1f) })
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => schedule.LearningRate(-1));
            Assert.StartsWith(
                $"Epochs are counted from 0; {-1} is not an epoch.", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Class_labels_on_a_Sigmoid_network_point_to_target_vectors()
    {
        ITrainer trainer = new Models.Xor().CreateTrainer(new Adam(), 4);
        TrainingSet data = TrainingSet.WithLabels(TwoRows, 2, [0, 1]);

        var error = Assert.Throws<ArgumentException>(
            () => TrainingLoop.Run(trainer, data, null, new TrainingOptions { BatchSize = 4 }));

        Assert.StartsWith("Class indices need a Softmax output trained with cross-entropy, but this network trains on "
            + "BinaryCrossEntropy. Give the training set target vectors with TrainingSet.WithTargets: for a Sigmoid "
            + "output, one value from 0 to 1 per output.", error.Message, StringComparison.Ordinal);
        Assert.Equal("training", error.ParamName);
    }

    [Fact]
    public void A_label_outside_the_classes_is_named_by_its_row_in_the_set()
    {
        // The trainer's own check sees a shuffled batch, whose row numbers are not the set's.
        ITrainer trainer = new Models.Spirals().CreateTrainer(new Adam(), 4);
        TrainingSet data = TrainingSet.WithLabels([0, 0, 1, 1, 2, 2, 3, 3], 2, [0, 1, 7, 0]);

        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => TrainingLoop.Run(trainer, data, data, new TrainingOptions { BatchSize = 4 }));
        Assert.StartsWith("The label of row 2 in the training set is 7, not a class index from 0 to 1.", error.Message,
            StringComparison.Ordinal);
        Assert.Equal(0, trainer.StepCount);
    }

    [Fact]
    public void Reading_activations_before_any_batch_says_so()
    {
        // It once said "Expected 0 floats, got 32", as if the buffer were the mistake.
        ITrainer trainer = new Models.Spirals().CreateTrainer(new Adam(), 4);

        var error = Assert.Throws<InvalidOperationException>(() => trainer.ExportActivations(0, new float[32]));
        Assert.StartsWith("No batch has run yet", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => trainer.ExportPreActivations(0, new float[32]));
    }

    [Fact]
    public void A_trainer_given_no_rows_says_the_inputs_are_empty()
    {
        ITrainer trainer = new Models.Spirals().CreateTrainer(new Adam(), 4);

        foreach (Action call in new Action[]
        {
            () => trainer.Step([], ReadOnlySpan<int>.Empty),
            () => trainer.Evaluate([], ReadOnlySpan<int>.Empty),
        })
        {
            var error = Assert.Throws<ArgumentException>(call);
            Assert.StartsWith("The inputs are empty", error.Message, StringComparison.Ordinal);
            Assert.Equal("inputs", error.ParamName);
        }
    }

    [Fact]
    public void Evaluating_an_empty_set_says_it_is_empty()
    {
        // Once "Expected 1 to 2147483647 rows of InputSize = 2 floats, got 0 floats."
        ITrainer trainer = new Models.Spirals().CreateTrainer(new Adam(), 4);
        TrainingSet empty = TrainingSet.WithLabels(TwoRows, 2, [0, 1]).Slice(0, 0);

        var error = Assert.Throws<ArgumentException>(() => TrainingLoop.Evaluate(trainer, empty));

        Assert.StartsWith("The set is empty: there is nothing to evaluate.", error.Message, StringComparison.Ordinal);
        Assert.Equal("set", error.ParamName);
    }

    [Fact]
    public void Zero_epochs_are_refused_by_name()
    {
        ITrainer trainer = new Models.Spirals().CreateTrainer(new Adam(), 4);
        TrainingSet data = TrainingSet.WithLabels(TwoRows, 2, [0, 1]);

        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => TrainingLoop.Run(trainer, data, null, new TrainingOptions { Epochs = 0 }));

        Assert.StartsWith("Epochs must be at least 1.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void A_report_interval_below_one_batch_is_refused_by_name(int reportEvery)
    {
        // Once silently taken as 1. Refused before any step, even with no progress receiver to report to.
        ITrainer trainer = new Models.Spirals().CreateTrainer(new Adam(), 4);
        TrainingSet data = TrainingSet.WithLabels(TwoRows, 2, [0, 1]);

        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => TrainingLoop.Run(trainer, data, null, new TrainingOptions { ReportEvery = reportEvery }));

        Assert.StartsWith("ReportEvery counts batches between progress reports and must be at least 1",
            error.Message, StringComparison.Ordinal);
        Assert.Equal("options", error.ParamName);
        Assert.Equal(reportEvery, error.ActualValue);
        Assert.Equal(0, trainer.StepCount);
    }

    [Theory]
    [InlineData(float.NaN, 0)]
    [InlineData(-0.5f, 0)]
    [InlineData(float.PositiveInfinity, 2)]
    public void A_schedule_rate_no_optimizer_takes_is_refused_naming_its_epoch(float rate, int badEpoch)
    {
        // The optimizer's setter once refused it mid-run as "LearningRate must be a finite number ... (Parameter
        // 'LearningRate')", naming neither the schedule nor the epoch, even when it was the first epoch's.
        var network = new Models.Spirals();
        ITrainer trainer = network.CreateTrainer(new Sgd(0.1f), 4);
        TrainingSet data = TrainingSet.WithLabels(TwoRows, 2, [0, 1]);
        var options = new TrainingOptions { Epochs = 5, BatchSize = 2, Schedule = new Scripted(badEpoch, rate) };
        float[] weights = new float[Models.Spirals.ParameterCount], after = new float[weights.Length];

        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => TrainingLoop.Run(trainer, data, null, options, new InlineProgress<TrainingProgress>(report =>
            {
                if (report is EpochReport)
                {
                    network.ExportParameters(weights);
                }
            })));

        Assert.StartsWith($"The schedule gives {rate} as the learning rate of epoch {badEpoch + 1} (its LearningRate("
            + $"{badEpoch})): a rate must be finite and at least 0. ", error.Message, StringComparison.Ordinal);
        Assert.Equal("options", error.ParamName);
        Assert.Equal(badEpoch, trainer.StepCount);
        Assert.Equal(0.1f, trainer.Optimizer.LearningRate);
        network.ExportParameters(after);
        if (badEpoch > 0)
        {
            Assert.Contains("the network holds the weights of epoch 2.", error.Message, StringComparison.Ordinal);
            Assert.Equal(weights, after);
        }
    }

    [Fact]
    public void A_batch_size_past_the_set_holds_only_the_rows_there_are()
    {
        // 30,000 rows of 100,000 features pass int.MaxValue floats: the loop once sized its batch buffer by the batch
        // size and threw OverflowException for this set of two rows.
        var network = new Models.WideInputNet();
        ITrainer trainer = network.CreateTrainer(new Sgd(0.1f), 30_000);
        var features = new float[2 * Models.WideInputNet.InputSize];
        features[0] = 1;
        TrainingSet data = TrainingSet.WithLabels(features, Models.WideInputNet.InputSize, [0, 1]);

        TrainingHistory history = TrainingLoop.Run(
            trainer, data, data, new TrainingOptions { Epochs = 2, BatchSize = 30_000 });

        Assert.Equal(2, trainer.StepCount);
        Assert.Equal(2, history.Epochs.Count);
        Assert.Equal(2, history.Epochs[1].Validation!.Value.Count);
    }

    [Fact]
    public void An_optimizer_with_a_negative_state_size_is_refused_by_name()
    {
        // Once "length ('-3280') must be a non-negative value. (Parameter 'length')", from the state buffer.
        var error = Assert.Throws<ArgumentException>(() => new Models.Spirals().CreateTrainer(new NegativeSlots(), 4));

        Assert.StartsWith("StateSlots is -1: an optimizer keeps 0 or more floats of state per parameter.",
            error.Message, StringComparison.Ordinal);
        Assert.Equal("optimizer", error.ParamName);
    }

    [Fact]
    public void Class_labels_given_to_a_trainer_without_cross_entropy_say_it_needs_targets()
    {
        // What ITrainer documents for Step, ComputeGradients and Evaluate with labels; nothing changes.
        var network = new Models.Xor();
        ITrainer trainer = network.CreateTrainer(new Adam(), 4);
        foreach (Action call in new Action[]
        {
            () => trainer.Step(TwoRows, [0, 1]),
            () => trainer.ComputeGradients(TwoRows, [0, 1]),
            () => trainer.Evaluate(TwoRows, [0, 1]),
        })
        {
            var error = Assert.Throws<InvalidOperationException>(call);
            Assert.Equal("Xor trains on BinaryCrossEntropy, which needs target vectors, not class labels.",
                error.Message);
        }

        Assert.Equal(0, trainer.StepCount);
        Assert.Equal(0, trainer.LastBatchSize);
    }

    [Theory]
    [InlineData(3, 2)]
    [InlineData(-1, 1)]
    [InlineData(0, -1)]
    public void A_slice_outside_the_set_says_which_rows_it_asked_for(int start, int count)
    {
        TrainingSet data = TrainingSet.WithLabels([0, 0, 1, 1, 2, 2, 3, 3], 2, [0, 1, 0, 1]);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => data.Slice(start, count));

        Assert.StartsWith($"A slice of {count} rows from row {start} does not fit in a set of 4 rows.", error.Message,
            StringComparison.Ordinal);
    }

    /// <summary>0.1 every epoch but one, which gets <paramref name="rate"/>.</summary>
    private sealed class Scripted(int badEpoch, float rate) : ILearningRateSchedule
    {
        public float LearningRate(int epoch) => epoch == badEpoch ? rate : 0.1f;
    }

    private sealed class NegativeSlots : IOptimizer
    {
        public float LearningRate { get; set; }

        public int StateSlots => -1;

        public void Update(Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> state, long step)
            => throw new InvalidOperationException("Never called: the trainer is refused.");
    }
}
