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

    /// <summary>
    /// The same samples as <see cref="FirstOfEachClass"/>, ordered so that the last <paramref name="tailPerClass"/>
    /// of each class come last: first the first perClass − tailPerClass of each class, then the next tailPerClass of
    /// each, both parts in file order. A tail taken from the end of the file-order subset would not be balanced (the
    /// classes reach their count at different places in the file), and the sample holds out its training subset's
    /// tail for validation.
    /// </summary>
    public static int[] FirstOfEachClassWithBalancedTail(byte[] labels, int perClass, int tailPerClass, int classCount)
    {
        int[] head = FirstOfEachClass(labels, perClass - tailPerClass, classCount);
        int[] all = FirstOfEachClass(labels, perClass, classCount);
        return [.. head, .. all.Except(head)];
    }
}
