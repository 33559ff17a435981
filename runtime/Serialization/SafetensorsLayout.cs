using static NetDsl.Serialization.SafetensorsErrors;

namespace NetDsl.Serialization;

/// <summary>
/// The reference's rule for the data section: sorted by their offsets, the tensors' byte ranges tile it from 0 with
/// no hole and no overlap, and each range is exactly as long as its dtype and shape need.
/// </summary>
internal static class SafetensorsLayout
{
    /// <summary>Sorts <paramref name="tensors"/> into data order and returns the data section's length.</summary>
    public static long Validate(List<TensorEntry> tensors)
    {
        // Equal offsets happen only for empty tensors; the name keeps their order deterministic.
        tensors.Sort((a, b) =>
        {
            int byBegin = a.DataBegin.CompareTo(b.DataBegin);
            int byEnd = byBegin != 0 ? byBegin : a.DataEnd.CompareTo(b.DataEnd);
            return byEnd != 0 ? byEnd : string.CompareOrdinal(a.Name, b.Name);
        });

        long cursor = 0;
        string? previous = null;
        foreach (var tensor in tensors)
        {
            if (tensor.DataEnd < tensor.DataBegin)
            {
                throw Malformed($"{Named(tensor)} has data_offsets [{tensor.DataBegin}, {tensor.DataEnd}], " +
                    "which end before they begin");
            }

            if (tensor.DataBegin > cursor)
            {
                throw Malformed($"the data section has a hole: bytes {cursor} to {tensor.DataBegin} belong to no " +
                    $"tensor ({Named(tensor)} begins at {tensor.DataBegin})");
            }

            if (tensor.DataBegin < cursor)
            {
                throw Malformed($"{Named(tensor)} (bytes {tensor.DataBegin} to {tensor.DataEnd}) overlaps tensor " +
                    $"{Quote(previous!)}, which ends at {cursor}");
            }

            // The element count was checked for overflow when parsed; the byte count may still overflow.
            int elementSize = TensorDTypes.ElementSize(tensor.DType);
            long elements = tensor.ElementCount;
            if (elements > long.MaxValue / elementSize)
            {
                throw Malformed($"{Named(tensor)} of shape {tensor.ShapeText} needs more bytes than 64 bits count");
            }

            long needed = elements * elementSize;
            if (tensor.ByteCount != needed)
            {
                throw Malformed($"{Named(tensor)} spans {tensor.ByteCount} bytes, but {needed} are needed for " +
                    $"dtype {TensorDTypes.FileName(tensor.DType)} and shape {tensor.ShapeText}");
            }

            cursor = tensor.DataEnd;
            previous = tensor.Name;
        }

        return cursor;
    }

    /// <summary>Quoted only for a message: a header of many tensors should cost little to check.</summary>
    private static string Named(TensorEntry tensor) => "tensor " + Quote(tensor.Name);
}
