using NetDsl.Tests.Training.Models;
using NetDsl.Training;

namespace NetDsl.Tests.Training;

/// <summary>The losses on the examples: computed from the logits in stable forms, never from a clamped log of
/// a probability.</summary>
public class LossTests
{
    [Theory]
    [InlineData(-5.2040f, 7.8325f, 0, 13.036502)]
    [InlineData(0f, 200f, 0, 200.0)]
    [InlineData(0f, 200f, 1, 0.0)]
    [InlineData(3f, 3f, 1, 0.6931471805599453)]
    public void Cross_entropy_is_logsumexp_minus_the_target_logit(float first, float second, int label, double expected)
    {
        (Logits2 network, ITrainer trainer) = Identity();
        float loss = trainer.ComputeGradients([first, second], [label]);
        Assert.Equal(expected, loss, System.Math.Max(1e-6, expected * 1e-6));
    }

    [Fact]
    public void A_saturated_softmax_gives_a_finite_unit_gradient()
    {
        // Logits [0, 200], target 0: d loss / d logits = softmax − onehot = [−1, 1]; the bias gradient is exactly that.
        (Logits2 network, ITrainer trainer) = Identity();
        trainer.ComputeGradients([0f, 200f], [0]);
        var gradients = new float[Logits2.ParameterCount];
        trainer.ExportGradients(gradients);
        Assert.Equal([-1f, 1f], gradients[4..6]);
        Assert.All(gradients, g => Assert.True(float.IsFinite(g)));
    }

    [Theory]
    [InlineData(100f, 0f, 100.0)]
    [InlineData(-100f, 1f, 100.0)]
    [InlineData(0f, 1f, 0.6931471805599453)]
    [InlineData(-20f, 0f, 2.0611536181902037e-09)]
    public void Binary_cross_entropy_stays_finite_when_the_sigmoid_saturates(float logit, float target, double expected)
    {
        var network = new Logit1();
        network.ImportParameters([1f, 0f]);
        ITrainer trainer = network.CreateTrainer(new Sgd(0.1f), 1);
        float loss = trainer.ComputeGradients([logit], [target]);
        Assert.Equal(expected, loss, expected * 1e-6);
        var gradients = new float[2];
        trainer.ExportGradients(gradients);
        Assert.All(gradients, g => Assert.True(float.IsFinite(g)));
    }

    [Fact]
    public void Labels_out_of_range_are_refused_before_anything_changes()
    {
        (Logits2 network, ITrainer trainer) = Identity();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Step([0f, 1f], [2]));
        Assert.Contains("OutputSize = 2", error.Message);
        Assert.Equal(0, trainer.StepCount);
        Assert.Throws<ArgumentException>(() => trainer.Step([0f, 1f, 2f], [0]));
        Assert.Throws<ArgumentException>(() => trainer.Step(new float[2 * 5], new int[5]));
    }

    [Fact]
    public void Labels_are_refused_by_a_network_that_trains_on_targets()
    {
        ITrainer trainer = new Logit1().CreateTrainer(new Sgd(0.1f), 1);
        var error = Assert.Throws<InvalidOperationException>(() => trainer.Step([1f], [0]));
        Assert.Contains("target vectors", error.Message);
    }

    private static (Logits2, ITrainer) Identity()
    {
        var network = new Logits2();
        network.ImportParameters([1f, 0f, 0f, 1f, 0f, 0f]);
        return (network, network.CreateTrainer(new Sgd(0.1f), 4));
    }
}
