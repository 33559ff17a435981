using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NetDsl.Benchmarks.Peers;

/// <summary>
/// TorchSharp (libtorch on the CPU, one thread) holding the same network as an nn.Sequential of nn.Linear layers,
/// for inference and for Adam training steps on softmax cross-entropy. The batch tensors are made once, as a user
/// feeding a fixed-size batch would; each call runs in its own dispose scope so native memory does not pile up.
/// </summary>
internal sealed class TorchPeer : IDisposable
{
    private readonly Sequential _model;
    private readonly Tensor _inputs;
    private readonly Tensor _labels;
    private readonly optim.Optimizer _optimizer;
    private readonly bool _softmax;

    public TorchPeer(
        NetworkDescription description, ReadOnlySpan<float> parameters, float[] inputs, long[] labels,
        float learningRate)
    {
        torch.set_num_threads(1);
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        int offset = 0;
        for (int i = 0; i < description.Layers.Count; i++)
        {
            LayerDescription layer = description.Layers[i];
            var linear = nn.Linear(layer.FanIn, layer.Units);
            int weightCount = layer.Units * layer.FanIn;
            using (torch.no_grad())
            {
                float[] weights = parameters.Slice(offset, weightCount).ToArray();
                float[] biases = parameters.Slice(offset + weightCount, layer.Units).ToArray();
                linear.weight!.copy_(torch.tensor(weights, [layer.Units, layer.FanIn]));
                linear.bias!.copy_(torch.tensor(biases, [layer.Units]));
            }

            offset += weightCount + layer.Units;
            layers.Add(($"{2 * i}", linear));
            if (i < description.Layers.Count - 1)
            {
                layers.Add(($"{2 * i + 1}", HiddenActivation(layer)));
            }
        }

        // The last layer's softmax stays outside the model: cross_entropy takes the logits.
        Act last = description.Layers[^1].Activation;
        _softmax = last == Act.Softmax ? true : last == Act.Linear ? false
            : throw new NotSupportedException($"{last} on the output layer is not supported by this benchmark.");
        _model = nn.Sequential(layers);
        int rows = inputs.Length / description.InputSize;
        _inputs = torch.tensor(inputs, [rows, description.InputSize]);
        _labels = torch.tensor(labels, [rows]);
        _optimizer = optim.Adam(_model.parameters(), lr: learningRate);
    }

    /// <summary>The forward pass into <paramref name="outputs"/>, without gradient tracking.</summary>
    public void Forward(float[] outputs)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        Tensor result = _model.forward(_inputs);
        if (_softmax)
        {
            result = result.softmax(1);
        }

        result.data<float>().CopyTo(outputs);
    }

    /// <summary>One Adam step on the batch's cross-entropy; returns the loss before the update.</summary>
    public float Step()
    {
        using var scope = torch.NewDisposeScope();
        _optimizer.zero_grad();
        Tensor loss = nn.functional.cross_entropy(_model.forward(_inputs), _labels);
        loss.backward();
        _optimizer.step();
        return loss.item<float>();
    }

    private static nn.Module<Tensor, Tensor> HiddenActivation(LayerDescription layer) => layer.Activation switch
    {
        Act.ReLU => nn.ReLU(),
        Act.Sigmoid => nn.Sigmoid(),
        Act.Tanh => nn.Tanh(),
        Act.ELU => nn.ELU(layer.Alpha),
        Act.GELU => nn.GELU(),
        _ => throw new NotSupportedException($"{layer.Activation} is not supported by this benchmark."),
    };

    public void Dispose()
    {
        _optimizer.Dispose();
        _inputs.Dispose();
        _labels.Dispose();
        _model.Dispose();
    }
}
