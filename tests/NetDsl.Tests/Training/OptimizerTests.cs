using NetDsl.Tests.Support;
using NetDsl.Training;

namespace NetDsl.Tests.Training;

/// <summary>The optimizers against the values and hand-computed sequences (PyTorch's update rules).</summary>
public class OptimizerTests
{
    /// <remarks>At step 1 the bias corrections cancel exactly (m̂ = g, v̂ = g²), so PyTorch's formula moves a weight by
    /// −lr·g/(|g| + ε), here in double of the same float lr and ε. The float update rounds m, v, √v, √v/√(1 − β₂),
    /// the sum with ε, the step size, its product with m and the quotient, so its result need not be the float
    /// nearest that move; on these gradients it lands 0 and 1 float apart (−0.001f and −9.0909103e-4 against
    /// −9.0909097e-4). Two floats, the one seen and one more for roundings that other values of lr and ε tip the other
    /// way (a relative 1.3e-7 and 2.3e-7 here), where ε added inside the square root or folded into a bias-corrected
    /// ε̂ would move the second case by 9.6% or more.</remarks>
    [Theory]
    [InlineData(1f)]
    [InlineData(1e-7f)]
    public void Adam_first_step_matches_PyTorch(float gradient)
    {
        float[] weight = [0f];
        var adam = new Adam(1e-3f);
        adam.Update(weight, [gradient], new float[2], 1);

        double expected = -(double)adam.LearningRate * gradient / (System.Math.Abs(gradient) + (double)adam.Epsilon);
        int floatsApart = BitConverter.SingleToInt32Bits(weight[0]) - BitConverter.SingleToInt32Bits((float)expected);
        Assert.InRange(floatsApart, -2, 2);
    }

    [Fact]
    public void Adam_still_steps_by_about_the_learning_rate_after_a_thousand_steps()
    {
        float[] weight = [0f];
        var state = new float[2];
        var adam = new Adam(1e-3f);
        float before = 0;
        for (int step = 1; step <= 1000; step++)
        {
            before = weight[0];
            adam.Update(weight, [0.5f], state, step);
        }

        Assert.Equal(-1e-3, weight[0] - before, 1e-6);
    }

    [Fact]
    public void AdamW_decays_the_weight_outside_the_adaptive_step()
    {
        // Step 1, g = 0: Adam's move is 0, so only the decoupled decay acts: p ← p·(1 − lr·λ).
        float[] weight = [2f];
        new AdamW(0.1f, weightDecay: 0.5f).Update(weight, [0f], new float[2], 1);
        Assert.Equal(2f * (1 - 0.1f * 0.5f), weight[0]);

        // Plain Adam's L2 penalty goes through the moments instead: with g = 0 it moves by a full step of −lr.
        float[] coupled = [2f];
        new Adam(0.1f, weightDecay: 0.5f).Update(coupled, [0f], new float[2], 1);
        Assert.Equal(2f - 0.1f, coupled[0], 1e-6f);
    }

    [Fact]
    public void AdamW_follows_PyTorch_with_gradients_and_weight_decay_over_three_steps()
    {
        // torch.optim.AdamW's rule (ReferenceAdam, in double): p ← p − lr·λ·p, then the Adam step. 37 parameters with
        // their own values and non-zero gradients, so the vector loop and the tail both run. A large ε pins where it
        // goes (added to √v̂, not to √v) together with the decay.
        // Tolerance: |p| < 2, where a float rounding is at most 2⁻²⁴ ≈ 6e-8. A step rounds p twice (decay, move) and
        // the decay factor 1 − lr·λ once (6e-8 on p), and the move, below lr·|m̂|/√v̂ ≤ 0.1·1.1, carries some ten
        // roundings of relative 2⁻²⁴ (7e-8): under 2.6e-7 a step, 7.8e-7 over three; the bound used is 1e-6. m takes
        // three roundings a step at values below 0.55 and its terms can cancel, so its error is absolute: under 1e-7
        // after three steps, bound 2e-7. v sums positive terms, four roundings of relative 2⁻²⁴ a step: under 7e-7·v
        // after three, bound 1e-6·v. The nearest wrong conventions miss by far more on the first step: the decay
        // applied after the Adam step by lr·λ·move ≥ 0.05·0.089 ≈ 4e-3, λ·p in place of lr·λ·p by 0.45·|p| ≥ 0.2,
        // ε added to the uncorrected √v (ε/√(1 − β₂) = 1.58 on √v̂) by 0.04 or more.
        const float lr = 0.1f, beta1 = 0.9f, beta2 = 0.999f, epsilon = 0.05f, decay = 0.5f;
        const int count = 37, steps = 3;
        var adamW = new AdamW(lr, beta1, beta2, epsilon, decay);
        float[] weights = Enumerable.Range(0, count).Select(i => (i % 2 == 0 ? 1 : -1) * (0.5f + i / 25f)).ToArray();
        var state = new float[2 * count];
        var reference = new ReferenceAdam(weights, lr, beta1, beta2, epsilon, decay, decoupled: true);
        for (int step = 1; step <= steps; step++)
        {
            // |g| from 0.4 to 2, its sign changing between steps for some parameters.
            float[] gradients = Enumerable.Range(0, count)
                .Select(i => System.Math.Sign(System.Math.Sin(step * 1.9 + i)) * (0.4f + 0.16f * ((i * 7 + step) % 11)))
                .ToArray();
            adamW.Update(weights, gradients, state, step);
            reference.Step(gradients);
            for (int i = 0; i < count; i++)
            {
                Assert.True(
                    System.Math.Abs(weights[i] - reference.Parameters[i]) <= 1e-6,
                    $"step {step}, weight {i}: {weights[i]:R} vs {reference.Parameters[i]:R}");
                Assert.True(
                    System.Math.Abs(state[i] - reference.First[i]) <= 2e-7,
                    $"step {step}, m {i}: {state[i]:R} vs {reference.First[i]:R}");
                Assert.True(
                    System.Math.Abs(state[count + i] - reference.Second[i]) <= 1e-6 * reference.Second[i],
                    $"step {step}, v {i}: {state[count + i]:R} vs {reference.Second[i]:R}");
            }
        }
    }

    [Fact]
    public void AdamW_first_step_matches_a_hand_computation()
    {
        // One weight, p = 2, g = 0.5, lr = 0.1, λ = 0.5, ε = 1e-8, by hand: the decay gives 2·(1 − 0.05) = 1.9; then
        // m = 0.05, v = 2.5e-4, m̂ = 0.5, √v̂ = 0.5, so the move is 0.1·0.5 / (0.5 + 1e-8) = 0.1·(1 − 2e-8):
        // p = 1.9 − 0.1 + 2e-9 = 1.800000002. Tolerance: the float step rounds p and the move a handful of times
        // near 1.8 (half an ulp there is 6e-8), so 3e-7; decaying after the move would give 1.805, decaying by λ·p
        // instead of lr·λ·p 0.9, no decay 1.9.
        float[] weight = [2f];
        new AdamW(0.1f, weightDecay: 0.5f).Update(weight, [0.5f], new float[2], 1);
        Assert.Equal(1.800000002, weight[0], 3e-7);
    }

    [Fact]
    public void Sgd_with_momentum_follows_the_hand_computed_sequence()
    {
        // lr 0.1, μ 0.9, gradients 1, 2, 3: buffers 1, 2.9, 5.61; weights −0.1, −0.39, −0.951.
        float[] weight = [0f];
        var state = new float[1];
        var sgd = new Sgd(0.1f, momentum: 0.9f);
        double[] expected = [-0.1, -0.39, -0.951];
        for (int step = 1; step <= 3; step++)
        {
            sgd.Update(weight, [step], state, step);
            Assert.Equal(expected[step - 1], weight[0], 1e-6);
        }
    }

    [Fact]
    public void Nesterov_momentum_looks_ahead()
    {
        // lr 0.1, μ 0.9, gradients 1, 2: buffers 1, 2.9; steps g + μ·b = 1.9, 4.61; weights −0.19, −0.651.
        float[] weight = [0f];
        var state = new float[1];
        var sgd = new Sgd(0.1f, momentum: 0.9f, nesterov: true);
        sgd.Update(weight, [1f], state, 1);
        Assert.Equal(-0.19, weight[0], 1e-6);
        sgd.Update(weight, [2f], state, 2);
        Assert.Equal(-0.651, weight[0], 1e-6);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Sgd_with_momentum_and_weight_decay_follows_PyTorch_over_six_steps(bool nesterov)
    {
        // torch.optim.SGD's update (dampening 0), step by step in double: g ← g + λp; b ← μb + g, with b = g on the
        // first step (PyTorch clones the gradient into an empty buffer); g ← g + μb with Nesterov, else g ← b;
        // p ← p − lr·g. 37 parameters with their own values and gradients, so the vector loop and the tail both run.
        // Tolerance: each step rounds at most 8 float operations per parameter on values below 10 (b grows to about
        // 6), and errors in b reach p damped by lr: over 6 steps well below 6·8·2⁻²⁴·10 ≈ 3e-5, the bound used. The
        // smallest convention it must tell apart, the decay's lr·λ·p ≥ 2.5e-3 per step, is a hundred times larger.
        const float lr = 0.1f, mu = 0.9f, decay = 0.05f;
        const int count = 37, steps = 6;
        var sgd = new Sgd(lr, momentum: mu, nesterov: nesterov, weightDecay: decay);
        float[] weights = Enumerable.Range(0, count).Select(i => 0.5f + 1.5f * i / (count - 1)).ToArray();
        var state = new float[count];
        double[] p = weights.Select(w => (double)w).ToArray();
        var b = new double[count];
        for (int step = 1; step <= steps; step++)
        {
            float[] gradients =
                Enumerable.Range(0, count).Select(i => 2 * (float)System.Math.Sin(step * 1.7 + i * 0.3)).ToArray();
            sgd.Update(weights, gradients, state, step);
            for (int i = 0; i < count; i++)
            {
                double g = gradients[i] + (double)decay * p[i];
                b[i] = step == 1 ? g : (double)mu * b[i] + g;
                g = nesterov ? g + (double)mu * b[i] : b[i];
                p[i] -= (double)lr * g;
            }

            for (int i = 0; i < count; i++)
            {
                Assert.True(
                    System.Math.Abs(weights[i] - p[i]) <= 3e-5, $"step {step}, weight {i}: {weights[i]:R} vs {p[i]:R}");
                Assert.True(
                    System.Math.Abs(state[i] - b[i]) <= 3e-5, $"step {step}, buffer {i}: {state[i]:R} vs {b[i]:R}");
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Sgd_starts_its_momentum_buffer_at_the_first_gradient(bool nesterov)
    {
        // PyTorch's first step sets b = g + λp (not μ·b + g over a zero or a stale buffer): whatever the state holds
        // before step 1 is overwritten, and the move is lr·g, or lr·(1 + μ)·g with Nesterov.
        var sgd = new Sgd(0.5f, momentum: 0.75f, nesterov: nesterov, weightDecay: 0.25f);
        float[] weight = [2f];
        float[] state = [100f];
        sgd.Update(weight, [1f], state, 1);
        Assert.Equal(1.5f, state[0]);
        Assert.Equal(nesterov ? 2 - 0.5f * (1.5f + 0.75f * 1.5f) : 2 - 0.5f * 1.5f, weight[0]);
    }

    [Fact]
    public void Sgd_weight_decay_adds_an_L2_penalty_to_the_gradient()
    {
        float[] weight = [1f];
        new Sgd(0.1f, weightDecay: 0.01f).Update(weight, [0.5f], [], 1);
        Assert.Equal(1 - 0.1 * (0.5 + 0.01), weight[0], 1e-7);
    }

    /// <summary>Whether every state value is zero or a normal float: a subnormal one makes every later update take
    /// the processor's microcoded slow path.</summary>
    private static bool NoSubnormal(float[] values) => values.All(v => v == 0 || !float.IsSubnormal(v));

    [Fact]
    public void Adam_flushes_moments_that_decay_below_the_smallest_normal_float()
    {
        // Parameters whose gradients stay zero (blank border pixels): m shrinks by β₁ and v by β₂ each step. Their
        // subnormal values made an update 36 times slower on an Intel Xeon. 37 parameters: the vector loop and the
        // tail. m starts at 1e-36 and passes 2⁻¹²⁶ within 44 steps, v starts just above it.
        const int Count = 37;
        float[] weights = Enumerable.Repeat(0.5f, Count).ToArray();
        float[] state = [.. Enumerable.Repeat(1e-36f, Count), .. Enumerable.Repeat(1.2e-38f, Count)];
        var adam = new Adam(1e-3f);

        for (int step = 1000; step < 1100; step++)
        {
            adam.Update(weights, new float[Count], state, step);
            Assert.True(NoSubnormal(state), $"a subnormal moment after step {step}");
        }

        // Every moment has reached zero, and the weights never moved: each step was below 1e-30, far under their ulp.
        Assert.All(state, value => Assert.Equal(0f, value));
        Assert.All(weights, weight => Assert.Equal(0.5f, weight));
    }

    [Fact]
    public void Adam_with_epsilon_zero_keeps_a_subnormal_second_moment()
    {
        // With ε = 0 the step is m̂/√v̂: flushing a subnormal v under a normal m would make it m/0 = ∞. Here m = 1e-22
        // and v = 1e-39 (subnormal), g = 0, lr = 1: the exact step, in double from the same float inputs, is
        // m̂/√v̂ ≈ 9e-23 / 3.98e-20 ≈ 2.3e-3. Tolerance 1e-6: a handful of float roundings of values below 1.
        float[] weights = [0.5f, 0.5f];
        float[] state = [1e-22f, 1e-22f, 1e-39f, 1e-39f];

        new Adam(1f, epsilon: 0).Update(weights, new float[2], state, 1000);

        double m = 0.9 * (double)1e-22f / (1 - System.Math.Pow(0.9, 1000));
        double v = 0.999 * (double)1e-39f / (1 - System.Math.Pow(0.999, 1000));
        double expected = 0.5 - m / System.Math.Sqrt(v);
        Assert.All(weights, weight => Assert.Equal(expected, weight, 1e-6));
        Assert.True(float.IsSubnormal(state[2]), $"v = {state[2]}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Sgd_flushes_a_momentum_buffer_that_decays_below_the_smallest_normal_float(bool nesterov)
    {
        const int Count = 37;
        float[] weights = Enumerable.Repeat(0.5f, Count).ToArray();
        float[] buffer = Enumerable.Repeat(1e-37f, Count).ToArray();
        var sgd = new Sgd(0.1f, momentum: 0.9f, nesterov: nesterov);

        for (int step = 2; step < 100; step++)
        {
            sgd.Update(weights, new float[Count], buffer, step);
            Assert.True(NoSubnormal(buffer), $"a subnormal momentum buffer after step {step}");
        }

        Assert.All(buffer, value => Assert.Equal(0f, value));
        Assert.All(weights, weight => Assert.Equal(0.5f, weight));
    }

    [Fact]
    public void Vector_and_tail_loops_agree_bit_for_bit()
    {
        // 37 parameters: whole vectors and a tail, whatever the vector width; the same values in each position must
        // update identically.
        var weights = Enumerable.Repeat(0.3f, 37).ToArray();
        var gradients = Enumerable.Repeat(-0.7f, 37).ToArray();
        var state = new float[74];
        var adam = new Adam(1e-2f, weightDecay: 0.1f);
        for (int step = 1; step <= 5; step++)
        {
            adam.Update(weights, gradients, state, step);
        }

        Assert.All(weights, w => Assert.Equal(weights[0], w));
    }

    [Fact]
    public void Schedules_give_the_documented_rates()
    {
        var step = new StepDecay(0.1f, stepSize: 3, gamma: 0.5f);
        Assert.Equal([0.1f, 0.1f, 0.1f, 0.05f, 0.05f, 0.05f, 0.025f], Enumerable.Range(0, 7).Select(step.LearningRate));
        var cosine = new CosineDecay(1f, epochs: 4, minimum: 0.2f);
        Assert.Equal(1f, cosine.LearningRate(0), 1e-6f);
        Assert.Equal(0.6f, cosine.LearningRate(2), 1e-6f);
        Assert.Equal(0.2f, cosine.LearningRate(4), 1e-6f);
        Assert.Equal(0.2f, cosine.LearningRate(9), 1e-6f);
    }

    [Fact]
    public void Schedules_round_the_formula_in_double_once()
    {
        // η₀ − ηmin was once rounded to float first: this case came out 0.112752214 for 0.1127522, and about 1 in 12
        // of these random cases an ulp off.
        Assert.Equal(0.1127522f, new CosineDecay(0.08359994f, 32, 0.34045985f).LearningRate(7));
        var random = new Random(1);
        for (int i = 0; i < 5000; i++)
        {
            float initial = (float)random.NextDouble(), minimum = (float)random.NextDouble() * 0.5f;
            float gamma = (float)random.NextDouble() * 2;
            int epochs = random.Next(1, 50), epoch = random.Next(0, 60), stepSize = random.Next(1, 5);
            double cosine = minimum + ((double)initial - minimum)
                * (1 + System.Math.Cos(System.Math.PI * System.Math.Min(epoch, epochs) / epochs)) / 2;
            Assert.Equal((float)cosine, new CosineDecay(initial, epochs, minimum).LearningRate(epoch));
            Assert.Equal((float)(initial * System.Math.Pow(gamma, epoch / stepSize)),
                new StepDecay(initial, stepSize, gamma).LearningRate(epoch));
        }
    }

    [Fact]
    public void A_step_decay_that_grows_past_float_says_at_which_epoch()
    {
        // Once +Infinity, which every optimizer refuses, and with a rate of 0 and γ^k past double's range, NaN.
        var growing = new StepDecay(1e-3f, 1, 10);
        Assert.Equal(1e38f, growing.LearningRate(41), 1e32f);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => growing.LearningRate(42));
        Assert.StartsWith($"At epoch 42, {1e-3f}·10^42 is past the largest float: a gamma above 1 grows the rate",
            error.Message, StringComparison.Ordinal);
        Assert.Equal("epoch", error.ParamName);
        Assert.Equal(0f, new StepDecay(0, 1, 1e30f).LearningRate(20));
        Assert.Equal(0f, new StepDecay(0.1f, 1, 0).LearningRate(1));
        Assert.Equal(0.1f, new StepDecay(0.1f, 1, 0).LearningRate(0));
    }
}
