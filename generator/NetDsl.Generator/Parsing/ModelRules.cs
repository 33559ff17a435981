using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using NetDsl.Generator.Diagnostics;
using NetDsl.Generator.Model;

namespace NetDsl.Generator.Parsing;

/// <summary>
/// The warnings that carry this field's knowledge about pairing initializers with activations. Each one points at the
/// initializer argument and names the initializer to use instead, in the property <see cref="SuggestedInit"/> that
/// the code fix reads.
/// </summary>
internal static class ModelRules
{
    /// <summary>The diagnostic property holding the name of the <c>Init</c> member to switch to.</summary>
    public const string SuggestedInit = "SuggestedInit";

    /// <summary>A ReLU network with at least this many ReLU-family layers counts as deep: with variance-preserving
    /// but ReLU-unaware scaling, the signal's variance halves per layer, an eighth of it left after three.</summary>
    public const int DeepReluLayers = 3;

    public static IEnumerable<DiagnosticInfo> Warnings(NetworkSpec spec, NetworkAttributes attributes)
    {
        int reluLayers = spec.Layers.Count(l => Traits.IsReluFamily(l.Activation));
        for (int index = 0; index < spec.Layers.Count; index++)
        {
            LayerSpec layer = spec.Layers[index];
            AttributeData dense = attributes.Dense[index];
            DiagnosticInfo? pairing = InitPairing(layer, index, index < spec.Layers.Count - 1, reluLayers, dense);
            if (pairing is not null)
            {
                yield return pairing;
            }

            foreach (DiagnosticInfo unused in UnusedArguments(new[] { layer }, dense))
            {
                yield return unused;
            }
        }

        if (SlowLoss(new[] { spec }, attributes) is { } slow)
        {
            yield return slow;
        }
    }

    /// <summary>A [Grid] family's warnings, each reported once for the family: NDSL1006 for a named argument that no
    /// variant's layer uses, NDSL1007 for mean squared error on an output activation that every variant shares. The
    /// pairings (NDSL1001-NDSL1005) are what a family compares, bad ones included, so they are not reported.</summary>
    public static IEnumerable<DiagnosticInfo> FamilyWarnings(
        IReadOnlyList<NetworkSpec> variants, NetworkAttributes attributes)
    {
        for (int index = 0; index < attributes.Dense.Count; index++)
        {
            foreach (DiagnosticInfo unused in
                UnusedArguments(variants.Select(v => v.Layers[index]).ToList(), attributes.Dense[index]))
            {
                yield return unused;
            }
        }

        if (SlowLoss(variants, attributes) is { } slow)
        {
            yield return slow;
        }
    }

    /// <summary>NDSL1007 when the [Loss] names mean squared error and every network's output is Softmax, or every
    /// one Sigmoid: only then does one other loss suit them all.</summary>
    private static DiagnosticInfo? SlowLoss(IReadOnlyList<NetworkSpec> networks, NetworkAttributes attributes)
    {
        ActKind last = networks[0].Layers[networks[0].Layers.Count - 1].Activation;
        if (attributes.Loss is null
            || last is not (ActKind.Softmax or ActKind.Sigmoid)
            || networks.Any(n => n.Loss != LossKind.MeanSquaredError
                || n.Layers[n.Layers.Count - 1].Activation != last))
        {
            return null;
        }

        string better = last == ActKind.Softmax ? "CrossEntropy" : "BinaryCrossEntropy";
        return NetworkParser.Diagnostic(
            DiagnosticDescriptors.SlowLossPair, NetworkParser.Syntax(attributes.Loss), last.ToString(), better);
    }

    private static DiagnosticInfo? InitPairing(
        LayerSpec layer, int index, bool hidden, int reluLayers, AttributeData dense)
    {
        InitKind init = layer.Init;
        ActKind activation = layer.Activation;
        bool identical = Traits.DrawsIdenticalWeights(layer);
        if (hidden && identical)
        {
            InitKind better = Traits.RecommendedInit(activation);
            return Suggest(
                DiagnosticDescriptors.SymmetricHiddenWeights, dense, better,
                index.ToString(CultureInfo.InvariantCulture), IdenticalWeights(layer), better.ToString());
        }

        if (Traits.IsHe(init) && Traits.Saturates(activation))
        {
            InitKind better = init == InitKind.HeUniform ? InitKind.GlorotUniform : InitKind.GlorotNormal;
            return Suggest(
                DiagnosticDescriptors.HeUnderSaturatingActivation, dense, better, init.ToString(),
                activation.ToString(), better.ToString());
        }

        if (activation == ActKind.SELU && init != InitKind.LeCunNormal)
        {
            // LeCunUniform has the variance the derivation needs; the warning stays because SELU's authors (Klambauer
            // et al., 2017) and Keras prescribe normal weights, and says only that.
            string difference = init == InitKind.LeCunUniform
                ? "LeCunUniform matches that variance, but SELU's authors and Keras prescribe normal weights"
                : $"{init} draws them otherwise";
            return Suggest(
                DiagnosticDescriptors.SeluWithoutLeCun, dense, InitKind.LeCunNormal, difference,
                nameof(InitKind.LeCunNormal));
        }

        if (activation is ActKind.LeakyReLU or ActKind.PReLU && !Traits.IsHe(init) && !identical)
        {
            InitKind better =
                init is InitKind.GlorotUniform or InitKind.LeCunUniform or InitKind.Uniform or InitKind.TorchDefault
                    ? InitKind.HeUniform
                    : InitKind.HeNormal;
            string alpha = NetworkParser.Format(layer.Alpha);
            return Suggest(
                DiagnosticDescriptors.SlopeIgnored, dense, better, init.ToString(), alpha, activation.ToString(),
                better.ToString());
        }

        if (activation == ActKind.ReLU && Traits.IsGlorotOrLeCun(init) && reluLayers >= DeepReluLayers)
        {
            InitKind better =
                init is InitKind.GlorotUniform or InitKind.LeCunUniform ? InitKind.HeUniform : InitKind.HeNormal;
            return Suggest(
                DiagnosticDescriptors.GlorotUnderDeepRelu, dense, better, init.ToString(), activation.ToString(),
                reluLayers.ToString(CultureInfo.InvariantCulture), better.ToString());
        }

        return null;
    }

    /// <summary>How a layer's weights come to be identical, for NDSL1001: the initializer, and the arguments that
    /// collapse it where it draws at random.</summary>
    private static string IdenticalWeights(LayerSpec layer) => layer.Init switch
    {
        InitKind.Orthogonal
            => $"Orthogonal, Gain = {NetworkParser.Format(layer.Gain)}" + (Traits.DrawsOnlySubnormals(layer)
                ? ", whose weights are all zero or subnormal floats, as good as zero"
                : ""),
        InitKind.Normal or InitKind.TruncatedNormal
            => $"{layer.Init}, Mean = {NetworkParser.Format(layer.Mean)} and Std = {NetworkParser.Format(layer.Std)}, "
                + (Traits.DrawsOnlySubnormals(layer)
                    ? "whose weights are all zero or subnormal floats, as good as zero"
                    : "a single value as floats"),
        _ => layer.Init.ToString(),
    };

    /// <summary>NDSL1006 for each named argument of <paramref name="dense"/> that none of
    /// <paramref name="layers"/> (the layer in each network it describes) uses, naming what each has instead.
    /// </summary>
    private static IEnumerable<DiagnosticInfo> UnusedArguments(IReadOnlyList<LayerSpec> layers, AttributeData dense)
    {
        foreach (KeyValuePair<string, TypedConstant> argument in dense.NamedArguments)
        {
            List<string?> ignoring = layers.Select(layer => IgnoredBy(layer, argument.Key)).ToList();
            if (ignoring.All(kind => kind is not null))
            {
                yield return NetworkParser.Diagnostic(
                    DiagnosticDescriptors.UnusedArgument, NetworkParser.NamedArgumentSyntax(dense, argument.Key),
                    argument.Key, string.Join(" or ", ignoring.Distinct()));
            }
        }
    }

    /// <summary>The initializer or activation of <paramref name="layer"/> that ignores the named argument, or null
    /// when the layer uses it.</summary>
    private static string? IgnoredBy(LayerSpec layer, string argument) => argument switch
    {
        "Alpha" when Traits.DefaultAlpha(layer.Activation) is null => layer.Activation.ToString(),
        "Value" when layer.Init != InitKind.Constant => layer.Init.ToString(),
        "Min" or "Max" when layer.Init != InitKind.Uniform => layer.Init.ToString(),
        "Mean" or "Std" when layer.Init is not (InitKind.Normal or InitKind.TruncatedNormal) => layer.Init.ToString(),
        "Gain" when layer.Init != InitKind.Orthogonal => layer.Init.ToString(),
        _ => null,
    };

    private static DiagnosticInfo Suggest(
        DiagnosticDescriptor descriptor, AttributeData dense, InitKind better, params string[] arguments)
    {
        // The two-argument constructor has no initializer argument to point at; the attribute itself is the place.
        SyntaxNode? place = dense.ConstructorArguments.Length == 3
            ? NetworkParser.ArgumentSyntax(dense, 1)
            : NetworkParser.Syntax(dense);
        DiagnosticInfo plain = NetworkParser.Diagnostic(descriptor, place, arguments);
        return plain with { Properties = new[] { new KeyValue(SuggestedInit, better.ToString()) }.ToEquatableArray() };
    }
}
