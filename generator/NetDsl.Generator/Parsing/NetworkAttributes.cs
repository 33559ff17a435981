using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace NetDsl.Generator.Parsing;

/// <summary>The NetDsl attributes of one type, in the order they are written.</summary>
internal sealed class NetworkAttributes
{
    private NetworkAttributes(AttributeData? input, List<AttributeData> dense, AttributeData? loss)
    {
        Input = input;
        Dense = dense;
        Loss = loss;
    }

    public AttributeData? Input { get; }

    public List<AttributeData> Dense { get; }

    public AttributeData? Loss { get; }

    public static NetworkAttributes From(INamedTypeSymbol type)
    {
        AttributeData? input = null;
        AttributeData? loss = null;
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
        }

        return new NetworkAttributes(input, dense, loss);
    }
}
