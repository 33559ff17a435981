using NetDsl.Numerics;

namespace NetDsl.Activations;

/// <summary>Mish(x) = x·tanh(softplus(x)), as x·n/(n + 2) with n = e^x(e^x + 2), which is the same quantity
/// without a tanh; above x = 20 the factor is 1 to double precision and n would overflow, so Mish(x) = x.</summary>
public readonly struct Mish : IActivationFunction
{
    /// <inheritdoc/>
    public static T Value<T>(T x, double parameter) where T : struct, IDoubleVector<T>
    {
        T n = Product(x);
        T value = T.Select(T.GreaterThan(x, T.Create(20)), x, x * n / (n + T.Create(2)));
        return DoubleVector.WithInfiniteLimits(x, value, 0, double.PositiveInfinity);
    }

    /// <inheritdoc/>
    public static T Slope<T>(T x, T y, double parameter) where T : struct, IDoubleVector<T>
    {
        // d/dx x·t(x) = t + x·(1 − t²)·σ(x), with t = n/(n + 2) and 1 − t² = 4(n + 1)/(n + 2)².
        T n = Product(x);
        T denominator = n + T.Create(2);
        T t = n / denominator;
        T oneMinusSquare = T.Create(4) * (n + T.Create(1)) / (denominator * denominator);
        T slope = t + x * oneMinusSquare * DoubleVector.Logistic(x);
        slope = T.Select(T.GreaterThan(x, T.Create(20)), T.Create(1), slope);
        return DoubleVector.WithInfiniteLimits(x, slope, 0, 1);
    }

    private static T Product<T>(T x) where T : struct, IDoubleVector<T>
    {
        T e = T.Exp(x);
        return e * (e + T.Create(2));
    }
}
