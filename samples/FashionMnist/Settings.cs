namespace FashionMnistSample;

/// <summary>Everything the command line decides, after parsing and validation.</summary>
internal sealed record Settings
{
    public int Epochs { get; init; } = 10;

    public int BatchSize { get; init; } = 32;

    public float LearningRate { get; init; } = 1e-3f;

    public ulong Seed { get; init; }

    /// <summary>Keep the last epoch's weights instead of those with the lowest validation loss.</summary>
    public bool KeepLast { get; init; }

    /// <summary>A directory, "embedded", or null to look in the standard places.</summary>
    public string? Data { get; init; }

    public string WeightsPath { get; init; } = AppOptions.DefaultWeightsFile;

    /// <summary>Test-set indices, ranges or IDX files to classify; null outside the predict mode.</summary>
    public IReadOnlyList<string>? Predict { get; init; }

    public bool Lab { get; init; }

    public int LabEpochs { get; init; } = 5;

    public string LabPlotPath { get; init; } = AppOptions.DefaultLabPlotFile;

    public string? LabOnly { get; init; }

    public int? LabLimit { get; init; }

    public string? LabReportPath { get; init; }
}
