using NetDsl.Tests.Training.Models;
using NetDsl.Training;

namespace NetDsl.Tests.Training;

/// <summary>Trainers that share a network.</summary>
public class TrainerTests
{
    [Fact]
    public void A_trainer_sees_the_updates_of_another_trainer_on_the_same_network()
    {
        // Each trainer keeps row copies of the weights of layers 1 and up; a step of trainer A once changed the
        // parameters without telling trainer B, whose next gradients came out of the weights before A's step.
        var random = new Random(8);
        float[] inputs = Enumerable.Range(0, 3 * HiddenTanh.InputSize).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        float[] targets = GradientCheckTests.Targets(Loss.MeanSquaredError, random, 3, HiddenTanh.OutputSize);
        var network = new HiddenTanh();
        network.Initialize(8);
        ITrainer a = network.CreateTrainer(new Sgd(0.5f), 3);
        ITrainer b = network.CreateTrainer(new Adam(0.01f), 3);
        b.ComputeGradients(inputs, targets);
        float[] before = Gradients(b);

        for (int step = 0; step < 3; step++)
        {
            a.Step(inputs, targets);
            float loss = b.ComputeGradients(inputs, targets);
            ITrainer fresh = network.CreateTrainer(new Sgd(0.5f), 3);
            Assert.Equal(fresh.ComputeGradients(inputs, targets), loss);
            Assert.Equal(Bits(Gradients(fresh)), Bits(Gradients(b)));
        }

        Assert.NotEqual(Bits(before), Bits(Gradients(b)));

        // And the other way round: B's steps reach A.
        b.Step(inputs, targets);
        a.ComputeGradients(inputs, targets);
        ITrainer last = network.CreateTrainer(new Sgd(0.5f), 3);
        last.ComputeGradients(inputs, targets);
        Assert.Equal(Bits(Gradients(last)), Bits(Gradients(a)));
    }

    private static float[] Gradients(ITrainer trainer)
    {
        var gradients = new float[trainer.Network.ParameterCount];
        trainer.ExportGradients(gradients);
        return gradients;
    }

    private static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();
}
