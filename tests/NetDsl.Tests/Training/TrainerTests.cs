using NetDsl.Tests.Training.Models;
using NetDsl.Training;

namespace NetDsl.Tests.Training;

/// <summary>What a step is made of, and trainers that share a network.</summary>
public class TrainerTests
{
    [Fact]
    public void A_trainer_sees_the_updates_of_another_trainer_on_the_same_network()
    {
        // Each trainer keeps row copies of the weights of layers 1 and up; a step of trainer A once changed the
        // parameters without telling trainer B, whose next gradients came out of the weights before A's step.
        var random = new Random(8);
        float[] inputs =
            Enumerable.Range(0, 3 * HiddenTanh.InputSize).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
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

    public static TheoryData<string> Optimizers() =>
        ["Sgd", "SgdNesterovDecay", "Adam", "AdamW", "AdamWithoutEpsilon", "AdamWWithoutEpsilon"];

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void Step_is_ComputeGradients_then_the_optimizer_on_the_canonical_parameters(string optimizer)
    {
        // The trainer updates its packed, padded storage in place; the same optimizer applied elementwise to the
        // exported gradients and parameters, with its own state in canonical order, must give the same bits, step
        // after step (the padding's zeros never leak in). Labels, then targets, on a network with PReLU slopes.
        var random = new Random(21);
        float[] inputs =
            Enumerable.Range(0, 5 * WideNet.InputSize).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        int[] labels = Enumerable.Range(0, 5).Select(_ => random.Next(WideNet.OutputSize)).ToArray();
        float[] targets = GradientCheckTests.Targets(Loss.CrossEntropy, random, 5, WideNet.OutputSize);
        var stepped = new WideNet();
        var manual = new WideNet();
        stepped.Initialize(21);
        manual.Initialize(21);
        IOptimizer first = Create(optimizer), second = Create(optimizer);
        ITrainer trainer = stepped.CreateTrainer(first, 5);
        ITrainer gradientsOnly = manual.CreateTrainer(second, 5);
        var parameters = new float[WideNet.ParameterCount];
        var state = new float[second.StateSlots * WideNet.ParameterCount];

        for (int step = 1; step <= 4; step++)
        {
            bool byLabels = step % 2 == 1;
            float loss = byLabels ? trainer.Step(inputs, labels) : trainer.Step(inputs, targets);
            float expectedLoss = byLabels
                ? gradientsOnly.ComputeGradients(inputs, labels)
                : gradientsOnly.ComputeGradients(inputs, targets);
            manual.ExportParameters(parameters);
            second.Update(parameters, Gradients(gradientsOnly), state, step);
            manual.ImportParameters(parameters);

            Assert.Equal(expectedLoss, loss);
            Assert.Equal(step, trainer.StepCount);
            Assert.Equal(0, gradientsOnly.StepCount);
            Assert.Equal(Bits(Parameters(manual)), Bits(Parameters(stepped)));
            Assert.Equal(Bits(Gradients(gradientsOnly)), Bits(Gradients(trainer)));
        }
    }

    private static IOptimizer Create(string name) => name switch
    {
        "Sgd" => new Sgd(0.05f, momentum: 0.9f),
        "SgdNesterovDecay" => new Sgd(0.05f, momentum: 0.8f, nesterov: true, weightDecay: 0.01f),
        "Adam" => new Adam(0.01f, weightDecay: 0.001f),
        // ε = 0 (PyTorch allows it) once turned the padding into 0/0 = NaN and stopped training at the second step.
        "AdamWithoutEpsilon" => new Adam(0.01f, epsilon: 0),
        "AdamWWithoutEpsilon" => new AdamW(0.01f, epsilon: 0, weightDecay: 0.1f),
        _ => new AdamW(0.01f, weightDecay: 0.1f),
    };

    private static float[] Gradients(ITrainer trainer)
    {
        var gradients = new float[trainer.Network.ParameterCount];
        trainer.ExportGradients(gradients);
        return gradients;
    }

    private static float[] Parameters(INetwork network)
    {
        var parameters = new float[network.ParameterCount];
        network.ExportParameters(parameters);
        return parameters;
    }

    private static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();
}
