namespace NetDsl.Kernels;

/// <summary>
/// Moves weights between the canonical layout, [units, fanIn] row-major as PyTorch's nn.Linear, and the layouts the
/// kernels read.
/// </summary>
/// <remarks>
/// Forward kernels read panels: units split into groups of one vector width W, each group stored [fanIn][W], so the
/// inner loop over the inputs loads W consecutive weights and broadcasts one input. The panel width is the flavor's
/// <see cref="ISimd{TVector}.Count"/>, so the packed layout follows the instruction set the process runs on; units
/// past the last real one are zero. Backward kernels read the canonical layout with each row padded to a multiple of
/// 16 floats.
/// </remarks>
public static class Packing
{
    /// <summary>The panel width of the flavor the generated kernels run (<see cref="SimdSelection.Current"/>): the W
    /// of <see cref="PackPanels"/>.</summary>
    public static int PanelWidth => (int)SimdSelection.Current;

    /// <summary>Canonical [units, fanIn] to panels [⌈units/W⌉][fanIn][W], zero-filling the rest of
    /// <paramref name="packed"/>.</summary>
    public static void PackPanels(ReadOnlySpan<float> canonical, Span<float> packed, int units, int fanIn, int width)
    {
        packed.Clear();
        for (int unit = 0; unit < units; unit++)
        {
            int panelStart = unit / width * fanIn * width + unit % width;
            for (int input = 0; input < fanIn; input++)
            {
                packed[panelStart + input * width] = canonical[unit * fanIn + input];
            }
        }
    }

    /// <summary>The inverse of <see cref="PackPanels"/>.</summary>
    public static void UnpackPanels(ReadOnlySpan<float> packed, Span<float> canonical, int units, int fanIn, int width)
    {
        for (int unit = 0; unit < units; unit++)
        {
            int panelStart = unit / width * fanIn * width + unit % width;
            for (int input = 0; input < fanIn; input++)
            {
                canonical[unit * fanIn + input] = packed[panelStart + input * width];
            }
        }
    }

    /// <summary>Zeroes what <see cref="PackPanels"/> zero-fills and leaves every weight in place: in the last panel
    /// the lanes of units past the last real one, and the rest of <paramref name="packed"/> after the last panel.
    /// </summary>
    /// <remarks>The forward kernels compute the padding lanes along with the real ones, so a value left there turns
    /// up in the padding of pre-activations, deltas and gradients. A trainer calls this after every optimizer update;
    /// it writes <c>fanIn</c> runs of at most <c>width − 1</c> floats plus the tail.</remarks>
    public static void ClearPanelPadding(Span<float> packed, int units, int fanIn, int width)
    {
        int panels = (units + width - 1) / width;
        int realLanes = units - (panels - 1) * width;
        if (realLanes < width)
        {
            Span<float> lastPanel = packed.Slice((panels - 1) * fanIn * width, fanIn * width);
            for (int input = 0; input < fanIn; input++)
            {
                lastPanel.Slice(input * width + realLanes, width - realLanes).Clear();
            }
        }

        packed[(panels * fanIn * width)..].Clear();
    }

    /// <summary>Panels to the canonical layout with rows padded to <paramref name="rowStride"/> floats (the padding
    /// zeroed): the layout of the kernels that propagate gradients backwards.</summary>
    public static void PanelsToRows(
        ReadOnlySpan<float> packed, Span<float> rows, int units, int fanIn, int width, int rowStride)
    {
        rows.Clear();
        for (int unit = 0; unit < units; unit++)
        {
            int panelStart = unit / width * fanIn * width + unit % width;
            Span<float> row = rows.Slice(unit * rowStride, fanIn);
            for (int input = 0; input < fanIn; input++)
            {
                row[input] = packed[panelStart + input * width];
            }
        }
    }
}
