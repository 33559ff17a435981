/// <summary>The subset's selection rule, kept apart so it reads as one sentence.</summary>
internal static class Selection
{
    /// <summary>
    /// The indices of the first <paramref name="perClass"/> samples of each class, walking the labels in file order;
    /// the result is in file order too, so the classes stay interleaved as in the original. Fails when a class has
    /// fewer samples than asked for.
    /// </summary>
    public static int[] FirstOfEachClass(byte[] labels, int perClass, int classCount)
    {
        int[] taken = new int[classCount];
        var indices = new List<int>(perClass * classCount);
        for (int i = 0; i < labels.Length && indices.Count < perClass * classCount; i++)
        {
            if (taken[labels[i]] < perClass)
            {
                taken[labels[i]]++;
                indices.Add(i);
            }
        }

        int shortClass = Array.FindIndex(taken, count => count < perClass);
        if (shortClass >= 0)
        {
            throw new InvalidOperationException(
                $"Class {shortClass} has only {taken[shortClass]} samples; {perClass} were asked for.");
        }

        return [.. indices];
    }
}
