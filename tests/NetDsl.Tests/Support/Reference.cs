namespace NetDsl.Tests.Support;

/// <summary>
/// Double-precision reference values of every activation, written from the published formulas with algorithms
/// independent of the runtime's (System.Math's tanh, a series and a continued fraction for erfc, Goldberg's log1p),
/// and accurate to well under a float ulp.
/// </summary>
public static class Reference
{
    public const double SeluAlpha = 1.6732632423543772848170429916717;
    public const double SeluLambda = 1.0507009873554804934193349852946;

    public static double Activation(Act activation, double x, double alpha) => activation switch
    {
        Act.Linear => x,
        Act.Sigmoid => Sigmoid(x),
        Act.Tanh => System.Math.Tanh(x),
        Act.ReLU => x > 0 ? x : double.IsNaN(x) ? x : 0,
        Act.LeakyReLU or Act.PReLU => x > 0 ? x : alpha == 0 && !double.IsNaN(x) ? 0 : alpha * x,
        Act.ELU => x > 0 ? x : alpha * ExpMinusOne(x),
        Act.SELU => SeluLambda * (x > 0 ? x : SeluAlpha * ExpMinusOne(x)),
        Act.GELU => x == double.NegativeInfinity ? 0 : 0.5 * x * Erfc(-x / System.Math.Sqrt(2)),
        Act.GeluTanh => GeluTanh(x),
        Act.SiLU => x == double.NegativeInfinity ? 0 : x * Sigmoid(x),
        Act.Softplus => Softplus(x),
        Act.Softsign => double.IsInfinity(x) ? System.Math.Sign(x) : x / (1 + System.Math.Abs(x)),
        Act.HardSigmoid => double.IsNaN(x) ? x : System.Math.Clamp(x / 6 + 0.5, 0, 1),
        Act.Mish => x == double.NegativeInfinity ? 0 : x > 40 ? x : x * System.Math.Tanh(Softplus(x)),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "No elementwise reference."),
    };

    public static double Sigmoid(double x)
        => x >= 0 ? 1 / (1 + System.Math.Exp(-x)) : System.Math.Exp(x) / (1 + System.Math.Exp(x));

    /// <summary>e^x − 1 as 2t/(1 − t) with t = tanh(x/2), accurate near 0 without a series.</summary>
    public static double ExpMinusOne(double x)
    {
        if (x == double.NegativeInfinity)
        {
            return -1;
        }

        double t = System.Math.Tanh(x / 2);
        return 2 * t / (1 - t);
    }

    /// <summary>ln(1 + y) by Goldberg's correction: y·ln(1 + y)/((1 + y) − 1).</summary>
    public static double LogOnePlus(double y)
    {
        double u = 1 + y;
        return u == 1 ? y : System.Math.Log(u) * y / (u - 1);
    }

    public static double Softplus(double x)
        => double.IsNaN(x) ? x : System.Math.Max(x, 0) + LogOnePlus(System.Math.Exp(-System.Math.Abs(x)));

    public static double GeluTanh(double x)
    {
        if (x == double.NegativeInfinity)
        {
            return 0;
        }

        // ½x(1 + tanh u) = x·e^u/(e^u + e^−u); written with the larger exponent factored out to avoid overflow.
        double u = System.Math.Sqrt(2 / System.Math.PI) * (x + 0.044715 * x * x * x);
        return u >= 0 ? x / (1 + System.Math.Exp(-2 * u)) : x * System.Math.Exp(2 * u) / (1 + System.Math.Exp(2 * u));
    }

    /// <summary>erfc by the Maclaurin series of erf below 2 and a 300-term continued fraction (Laplace) above.
    /// </summary>
    public static double Erfc(double z)
    {
        if (double.IsNaN(z))
        {
            return z;
        }

        if (z < 0)
        {
            return 2 - Erfc(-z);
        }

        if (z < 2)
        {
            double term = z, sum = z;
            for (int n = 1; n < 80; n++)
            {
                term *= -z * z / n;
                sum += term / (2 * n + 1);
            }

            return 1 - 2 / System.Math.Sqrt(System.Math.PI) * sum;
        }

        if (z > 27)
        {
            return 0;
        }

        double fraction = z;
        for (int k = 300; k >= 1; k--)
        {
            fraction = z + k / 2.0 / fraction;
        }

        return System.Math.Exp(-z * z) / System.Math.Sqrt(System.Math.PI) / fraction;
    }
}
