using NetDsl.Tests.Networks.Models;
using NetDsl.Training;

namespace NetDsl.Tests.Networks;

/// <summary>Families of networks generated from one [Grid] declaration.</summary>
public class FamilyTests
{
    [Fact]
    public void Every_pair_becomes_a_network_in_grid_order()
    {
        Assert.Equal(9, SmallFamily.Variants.Count);
        Assert.Equal(
            [
                "Zeros × Tanh", "Zeros × LeakyReLU", "Zeros × PReLU",
                "Normal × Tanh", "Normal × LeakyReLU", "Normal × PReLU",
                "HeNormal × Tanh", "HeNormal × LeakyReLU", "HeNormal × PReLU",
            ],
            SmallFamily.Variants.Select(v => v.Name));
        Assert.IsType<SmallFamily.HeNormalPReLU>(SmallFamily.Variants[8].Create());
    }

    [Fact]
    public void Varying_layers_take_the_pair_and_fixed_layers_stay()
    {
        NetworkDescription description = SmallFamily.NormalLeakyReLU.Description;
        Assert.Equal([Act.LeakyReLU, Act.LeakyReLU, Act.Softmax], description.Layers.Select(l => l.Activation));

        // Alpha given on the second layer survives; the first layer gets LeakyReLU's default.
        Assert.Equal([0.01, 0.3, 0], description.Layers.Select(l => l.Alpha));

        // PReLU adds its slopes to the parameters.
        Assert.Equal(SmallFamily.ZerosTanh.ParameterCount + 9 + 7, SmallFamily.ZerosPReLU.ParameterCount);
    }

    [Fact]
    public void Named_arguments_apply_where_they_mean_something()
    {
        // Std = 0.01 on the first layer: the Normal variants draw it with that std; He variants ignore it.
        float[] normal = FirstLayerWeights(new SmallFamily.NormalTanh());
        double std = System.Math.Sqrt(normal.Average(w => (double)w * w));
        Assert.InRange(std, 0.005, 0.015);
        Assert.All(FirstLayerWeights(new SmallFamily.ZerosTanh()), w => Assert.Equal(0f, w));
        double he = System.Math.Sqrt(FirstLayerWeights(new SmallFamily.HeNormalTanh()).Average(w => (double)w * w));
        Assert.InRange(he, 0.2, 0.7);
    }

    [Fact]
    public void Variants_run_and_train_like_any_network()
    {
        INetwork network = SmallFamily.Variants[^1].Create();
        var output = new float[3];
        network.Forward(new float[12], output);
        Assert.Equal(1.0, output.Sum(v => (double)v), 1e-6);
    }

    [Fact]
    public void A_variant_held_as_INetwork_creates_its_own_trainer()
    {
        // The lab only has Variants[i].Create(): INetwork.CreateTrainer must give the concrete network's trainer.
        INetwork network = SmallFamily.Variants[7].Create();
        ITrainer trainer = network.CreateTrainer(new Adam(0.01f), 4);
        Assert.IsType<SmallFamily.HeNormalLeakyReLU.Trainer>(trainer);
        Assert.Same(network, trainer.Network);
        Assert.Equal(4, trainer.MaxBatchSize);

        var inputs = new float[4 * 12];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = (i % 7) / 7f;
        }

        int[] labels = [0, 1, 2, 0];
        float first = trainer.Step(inputs, labels);
        for (int step = 0; step < 50; step++)
        {
            trainer.Step(inputs, labels);
        }

        Assert.True(trainer.Evaluate(inputs, labels).Loss < first, "the loss did not fall");
    }

    private static float[] FirstLayerWeights(INetwork network)
    {
        var parameters = new float[network.ParameterCount];
        network.ExportParameters(parameters);
        return parameters[..(12 * 9)];
    }
}
