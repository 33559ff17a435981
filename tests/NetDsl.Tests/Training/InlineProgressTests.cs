using NetDsl.Training;

namespace NetDsl.Tests.Training;

public class InlineProgressTests
{
    [Fact]
    public void Every_report_arrives_in_order_on_the_training_thread_before_Run_returns()
    {
        var network = new Models.Spirals();
        ITrainer trainer = network.CreateTrainer(new Adam(0.05f), 4);
        TrainingSet data = TrainingSet.WithLabels([0, 0, 0, 1, 1, 0, 1, 1], 2, [0, 1, 1, 0]);
        var reports = new List<(TrainingProgress Report, int Thread)>();

        TrainingLoop.Run(
            trainer, data, null, new TrainingOptions { Epochs = 5, BatchSize = 2, Seed = 1, ReportEvery = 1 },
            new InlineProgress<TrainingProgress>(report => reports.Add((report, Environment.CurrentManagedThreadId))));

        // Five epochs of two batches: per epoch two batch reports, then the epoch's report.
        Assert.Equal(15, reports.Count);
        Assert.All(reports, r => Assert.Equal(Environment.CurrentManagedThreadId, r.Thread));
        Assert.Equal([1, 2, 3, 4, 5], reports.Select(r => r.Report).OfType<EpochReport>().Select(e => e.Epoch));
        Assert.All(reports.Chunk(3), epoch => Assert.IsType<EpochReport>(epoch[2].Report));
    }

    [Fact]
    public void A_missing_handler_is_refused()
        => Assert.Throws<ArgumentNullException>(() => new InlineProgress<int>(null!));
}
