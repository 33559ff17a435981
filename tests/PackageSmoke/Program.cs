// Trains XOR, saves and reloads the weights, and checks the answers: exit code 0 only when the packaged generator ran,
// the runtime works without reflection under NativeAOT, and the network learned.
using NetDsl;
using NetDsl.Training;

var network = new Xor();
ITrainer trainer = network.CreateTrainer(new Adam(0.05f), 4);
float[] inputs = [0, 0, 0, 1, 1, 0, 1, 1];
float[] targets = [0, 1, 1, 0];
for (int step = 0; step < 500; step++)
{
    trainer.Step(inputs, targets);
}

string path = Path.Combine(Path.GetTempPath(), $"xor-{Environment.ProcessId}.safetensors");
network.SaveWeights(path);
var reloaded = new Xor();
reloaded.LoadWeights(path);
File.Delete(path);

var outputs = new float[4];
reloaded.ForwardBatch(inputs, outputs);
Console.WriteLine($"XOR outputs: {string.Join(", ", outputs.Select(o => o.ToString("F3")))}"
    + $" ({NetDsl.Kernels.SimdSelection.Current})");
bool learned = outputs.Select((o, i) => Math.Abs(o - targets[i]) < 0.1).All(ok => ok);
Console.WriteLine(learned ? "package smoke test passed" : "package smoke test FAILED");
return learned ? 0 : 1;

[Input(2)]
[Dense(8, Init.GlorotUniform, Act.Tanh)]
[Dense(1, Init.GlorotUniform, Act.Sigmoid)]
public partial class Xor { }
