namespace NetDsl.Tests.Support;

/// <summary>Inputs that cover the whole float range: a fixed stride through every bit pattern (every exponent,
/// subnormals included, both signs), a dense grid where activations bend, and the special values.</summary>
public static class FloatSamples
{
    public static float[] WholeRange(int stride = 8191)
    {
        var values = new List<float>
        {
            0f, -0f, float.Epsilon, -float.Epsilon, float.MaxValue, float.MinValue,
            float.PositiveInfinity, float.NegativeInfinity, float.NaN, 1e-30f, -1e-30f,
            -1000f, 1000f, 89f, -89f, -104f, -88.7f, 88.7f, 20f, -20f, 3f, -3f, 0.5f, -0.5f,
        };

        for (long bits = 0; bits <= uint.MaxValue; bits += stride)
        {
            float value = BitConverter.Int32BitsToSingle((int)(uint)bits);
            if (!float.IsNaN(value))
            {
                values.Add(value);
            }
        }

        for (int i = -40000; i <= 40000; i++)
        {
            values.Add(i / 1000f);
        }

        return values.ToArray();
    }
}
