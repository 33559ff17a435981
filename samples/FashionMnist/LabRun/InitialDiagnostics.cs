using NetDsl;
using NetDsl.Training;

namespace FashionMnistSample.LabRun;

/// <summary>One hidden layer at initialization, over the first training batch.</summary>
/// <param name="Mean">The mean of its activations over every unit and row.</param>
/// <param name="Std">Their standard deviation.</param>
/// <param name="Inactive">The fraction of units that are dead (ReLU family) or saturated (Sigmoid, Tanh); NaN for
/// other activations. See <see cref="InitialDiagnostics"/> for the definitions.</param>
internal sealed record LayerHealth(double Mean, double Std, double Inactive);

/// <summary>
/// How a network starts, measured on the first batch the training loop will take, before any update: each hidden
/// layer's activation statistics, its share of dead or saturated units, and the gradient norm of every layer. Dead:
/// for ReLU, an activation ≤ 0 on every row; for LeakyReLU, ELU and SELU, a negative pre-activation on every row.
/// Saturated: a mean |tanh| over the rows above 0.99; for Sigmoid a mean |2σ − 1| above 0.98, that is σ outside
/// [0.01, 0.99] on average.
/// </summary>
/// <param name="Loss">The first batch's loss.</param>
/// <param name="Hidden">One entry per hidden layer.</param>
/// <param name="GradientNorms">The L2 norm of each layer's weight and bias gradients, the output layer last.</param>
internal sealed record InitialDiagnostics(
    double Loss, IReadOnlyList<LayerHealth> Hidden, IReadOnlyList<double> GradientNorms)
{
    /// <summary>Runs the forward and backward passes on the loop's first batch (epoch 1's shuffled order under
    /// <paramref name="seed"/>) without updating anything.</summary>
    public static InitialDiagnostics Measure(ITrainer trainer, TrainingSet fit, int batchSize, ulong seed)
    {
        int features = fit.FeatureCount;
        var order = new int[fit.Count];
        TrainingLoop.Shuffle(order, seed, epoch: 1);
        int rows = Math.Min(batchSize, fit.Count);
        var inputs = new float[rows * features];
        var labels = new int[rows];
        for (int slot = 0; slot < rows; slot++)
        {
            fit.Features.Slice(order[slot] * features, features).CopyTo(inputs.AsSpan(slot * features));
            labels[slot] = fit.Labels[order[slot]];
        }

        float loss = trainer.ComputeGradients(inputs, labels);
        NetworkDescription description = trainer.Network.Description;
        var hidden = new List<LayerHealth>();
        for (int layer = 0; layer < description.Layers.Count - 1; layer++)
        {
            LayerDescription shape = description.Layers[layer];
            var activations = new float[rows * shape.Units];
            var preActivations = new float[rows * shape.Units];
            trainer.ExportActivations(layer, activations);
            trainer.ExportPreActivations(layer, preActivations);
            hidden.Add(Health(shape, rows, activations, preActivations));
        }

        return new InitialDiagnostics(loss, hidden, LayerGradientNorms(trainer, description));
    }

    /// <summary>What counts as inactive for an activation: "dead", "saturated", or null when neither applies.</summary>
    public static string? InactiveKind(Act activation) => activation switch
    {
        Act.ReLU or Act.LeakyReLU or Act.PReLU or Act.ELU or Act.SELU => "dead",
        Act.Sigmoid or Act.Tanh => "saturated",
        _ => null,
    };

    private static LayerHealth Health(LayerDescription shape, int rows, float[] activations, float[] preActivations)
    {
        double mean = activations.Average(a => (double)a);
        double std = Math.Sqrt(activations.Average(a => (a - mean) * (a - mean)));
        int units = shape.Units;
        Func<int, bool>? inactive = shape.Activation switch
        {
            Act.ReLU => unit => Column(activations, units, unit, rows).All(a => a <= 0),
            Act.LeakyReLU or Act.PReLU or Act.ELU or Act.SELU
                => unit => Column(preActivations, units, unit, rows).All(z => z < 0),
            Act.Tanh => unit => Column(activations, units, unit, rows).Average(a => Math.Abs(a)) > 0.99,
            Act.Sigmoid => unit => Column(activations, units, unit, rows).Average(a => Math.Abs(2 * a - 1)) > 0.98,
            _ => null,
        };
        double fraction = inactive is null ? double.NaN : Enumerable.Range(0, units).Count(inactive) / (double)units;
        return new LayerHealth(mean, std, fraction);
    }

    private static IEnumerable<float> Column(float[] rowMajor, int units, int unit, int rows)
        => Enumerable.Range(0, rows).Select(row => rowMajor[row * units + unit]);

    private static double[] LayerGradientNorms(ITrainer trainer, NetworkDescription description)
    {
        var gradients = new float[description.ParameterCount];
        trainer.ExportGradients(gradients);
        var norms = new double[description.Layers.Count];
        int offset = 0;
        for (int layer = 0; layer < norms.Length; layer++)
        {
            double sum = 0;
            foreach (float gradient in gradients.AsSpan(offset, description.Layers[layer].ParameterCount))
            {
                sum += (double)gradient * gradient;
            }

            norms[layer] = Math.Sqrt(sum);
            offset += description.Layers[layer].ParameterCount;
        }

        return norms;
    }
}
