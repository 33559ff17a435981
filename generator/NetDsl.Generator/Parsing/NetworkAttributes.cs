using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace NetDsl.Generator.Parsing;

/// <summary>The NetDsl attributes of one type, in the order they are written.</summary>
internal sealed class NetworkAttributes
{
    private NetworkAttributes(AttributeData? input, List<AttributeData> dense, AttributeData? loss, AttributeData? grid)
    {
        Input = input;
        Dense = dense;
        Loss = loss;
        Grid = grid;
    }

    public AttributeData? Input { get; }

    public List<AttributeData> Dense { get; }

    public AttributeData? Loss { get; }

    /// <summary>The [Grid] that makes the type a family of variants, or null.</summary>
    public AttributeData? Grid { get; }

    public static NetworkAttributes From(INamedTypeSymbol type)
    {
        AttributeData? input = null;
        AttributeData? loss = null;
        AttributeData? grid = null;
        var dense = new List<AttributeData>();
        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (NetworkParser.IsAttribute(attribute, KnownNames.InputAttribute))
            {
                input ??= attribute;
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

        return new NetworkAttributes(input, dense, loss, grid);
    }
}
