using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace NetDsl.Generator.Parsing;

/// <summary>The NetDsl attributes of one type, in the order they are written.</summary>
internal sealed class NetworkAttributes
{
    private NetworkAttributes(
        AttributeData? input, int inputCount, List<AttributeData> dense, AttributeData? loss, AttributeData? grid)
    {
        Input = input;
        InputCount = inputCount;
        Dense = dense;
        Loss = loss;
        Grid = grid;
    }

    /// <summary>The first [Input].</summary>
    public AttributeData? Input { get; }

    /// <summary>How many [Input]s the type has: more than one is an error the compiler reports (CS0579).</summary>
    public int InputCount { get; }

    public List<AttributeData> Dense { get; }

    public AttributeData? Loss { get; }

    /// <summary>The [Grid] that makes the type a family of variants, or null.</summary>
    public AttributeData? Grid { get; }

    public static NetworkAttributes From(INamedTypeSymbol type)
    {
        AttributeData? input = null;
        int inputCount = 0;
        AttributeData? loss = null;
        AttributeData? grid = null;
        var dense = new List<AttributeData>();
        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (NetworkParser.IsAttribute(attribute, KnownNames.InputAttribute))
            {
                input ??= attribute;
                inputCount++;
            }
            else if (NetworkParser.IsAttribute(attribute, KnownNames.DenseAttribute))
            {
                dense.Add(attribute);
            }
            else if (NetworkParser.IsAttribute(attribute, KnownNames.LossAttribute))
            {
                loss ??= attribute;
            }
            else if (NetworkParser.IsAttribute(attribute, KnownNames.GridAttribute))
            {
                grid ??= attribute;
            }
        }

        return new NetworkAttributes(input, inputCount, dense, loss, grid);
    }
}
