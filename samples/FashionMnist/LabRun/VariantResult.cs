using NetDsl;
using NetDsl.Training;

namespace FashionMnistSample.LabRun;

/// <summary>What one lab variant did: how it started and each epoch's report.</summary>
/// <param name="Variant">The initializer × activation pair.</param>
/// <param name="Initial">Its diagnostics before any update.</param>
/// <param name="InitialAccuracy">Its validation accuracy before any update, epoch 0 of the plot.</param>
/// <param name="Epochs">One report per epoch trained, the one that diverged included.</param>
/// <param name="DivergedEpoch">The epoch in which a loss or a weight stopped being finite, which ended the run; null
/// when it did not diverge.</param>
internal sealed record VariantResult(
    NetworkVariant Variant, InitialDiagnostics Initial, double InitialAccuracy, IReadOnlyList<EpochReport> Epochs,
    int? DivergedEpoch = null)
{
    /// <summary>The last epoch's validation accuracy; a run that diverged counts as 0, whatever its last report says
    /// (NaN outputs predict no class, or one class everywhere).</summary>
    public double Accuracy => DivergedEpoch is null && Epochs[^1].Validation!.Value.Accuracy is var a
        && double.IsFinite(a) ? a : 0;

    public double ValidationLoss => Epochs[^1].Validation!.Value.Loss;

    public double TrainingLoss => Epochs[^1].TrainingLoss;

    public double Seconds => Epochs.Sum(e => e.Elapsed.TotalSeconds);

    /// <summary>Best first: the variants that did not diverge by validation accuracy, then by validation loss (NaN
    /// last); those that diverged after them.</summary>
    public static IReadOnlyList<VariantResult> Rank(IEnumerable<VariantResult> results)
        => [.. results.OrderBy(r => r.DivergedEpoch is not null).ThenByDescending(r => r.Accuracy)
            .ThenBy(r => double.IsNaN(r.ValidationLoss) ? double.PositiveInfinity : r.ValidationLoss)];
}
