namespace NetDsl.Kernels;

/// <summary>Small reductions the generated backward passes share.</summary>
public static class Gradients
{
    /// <summary>Column sums over <paramref name="rows"/> rows of <paramref name="width"/> floats (a multiple of the
    /// flavor's width) spaced <paramref name="stride"/> apart: the gradient of a bias.</summary>
    public static void SumRows<TSimd, TVector>(
        ref float source, nint stride, int rows, int width, ref float destination)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct
    {
        for (nint column = 0; column < width; column += TSimd.Count)
        {
            TVector sum = TSimd.Zero;
            for (nint row = 0; row < rows; row++)
            {
                sum = TSimd.Add(sum, TSimd.Load(ref source, row * stride + column));
            }

            TSimd.Store(sum, ref destination, column);
        }
    }
}
