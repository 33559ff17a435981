using Microsoft.CodeAnalysis;

namespace NetDsl.Generator.Diagnostics;

/// <summary>
/// Every diagnostic NetDsl reports. Errors (NDSL0xxx) stop the generation of the network they concern and come from
/// the generator; warnings (NDSL1xxx) carry knowledge about initializers and activations and come from the analyzer,
/// with a code fix where one initializer should replace another. docs/diagnostics.md lists them with examples.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "NetDsl";

    /// <summary>Message: "'{0}' must be declared partial ...".</summary>
    public static readonly DiagnosticDescriptor NotPartial = Error(
        "NDSL0001",
        "Network type must be partial",
        "'{0}' must be declared partial so that NetDsl can add the network's members: write 'partial {1} {0}'");

    /// <summary>Message: "'{0}' has [Dense] layers but no [Input] ...".</summary>
    public static readonly DiagnosticDescriptor MissingInput = Error(
        "NDSL0002",
        "Network has no input",
        "'{0}' has [Dense] layers but no [Input]{1}: add [{2}(n)] with "
            + "the number of input features above the first layer");

    /// <summary>Message: "'{0}' has no layers ...".</summary>
    public static readonly DiagnosticDescriptor NoLayers = Error(
        "NDSL0003",
        "Network has no layers",
        "'{0}' has no layers{1}: add at least one [{2}(units, init, activation)] after [Input]");

    /// <summary>Message: "{0} must be at least 1, not {1} ...".</summary>
    public static readonly DiagnosticDescriptor NonPositiveSize = Error(
        "NDSL0004",
        "Size must be positive",
        "{0} must be at least 1, not {1}: give a positive whole number");

    /// <summary>Message: "'{0}' needs {1} parameters ...".</summary>
    public static readonly DiagnosticDescriptor TooLarge = Error(
        "NDSL0005",
        "Network is too large",
        "'{0}' needs {1} floats of parameters or work buffers by this layer, "
            + "more than one .NET array holds ({2}): make the layers narrower");

    /// <summary>Message: "{0} is not a defined {1} ...".</summary>
    public static readonly DiagnosticDescriptor UndefinedEnumValue = Error(
        "NDSL0006",
        "Undefined enum value",
        "{0} is not a defined {1}: use one of the named {1} members");

    /// <summary>Message: "{0} = {1} is not a finite float ...": NaN, infinite, or beyond float's ±3.4E+38.</summary>
    public static readonly DiagnosticDescriptor NonFiniteArgument = Error(
        "NDSL0007",
        "Argument must be finite",
        "{0} = {1} is not a finite float: give a finite value within ±3.4E+38 "
            + "or leave the argument out for its default");

    /// <summary>Message: "Softmax normalizes ... layer {0} ...".</summary>
    public static readonly DiagnosticDescriptor SoftmaxNotLast = Error(
        "NDSL0008",
        "Softmax must be the last activation",
        "Softmax normalizes the network's outputs into probabilities and can only be the last layer's "
            + "activation; layer {0} is hidden: use ReLU or Tanh here and Softmax on the output layer");

    /// <summary>Message: "The layers of '{0}' are spread ...".</summary>
    public static readonly DiagnosticDescriptor LayersSpread = Error(
        "NDSL0009",
        "Layers are spread over several declarations",
        "The layers of '{0}' are spread over several partial declarations, so their "
            + "order is undefined: put [Input] and every [Dense] on one declaration");

    /// <summary>Message: "'{0}' is generic ...".</summary>
    public static readonly DiagnosticDescriptor GenericType = Error(
        "NDSL0010",
        "Network type cannot be generic",
        "'{0}' is generic or nested in a generic type, and a network's shape must "
            + "be fixed at compile time: declare the network in a non-generic type");

    /// <summary>Message: "'{0}' is {1}, but a network owns its weights and work buffers{2}: declare it as 'partial
    /// class {0}'", where {2} says what a record's copies would do to them (empty for other kinds).</summary>
    public static readonly DiagnosticDescriptor NotAClass = Error(
        "NDSL0011",
        "Network must be a class that is not a record",
        "'{0}' is {1}, but a network owns its weights and work buffers{2}: declare it as 'partial class {0}'");

    /// <summary>Message: "{0}" (the layer, the argument at fault and the value to give instead).</summary>
    public static readonly DiagnosticDescriptor InvalidInitArgument = Error(
        "NDSL0012",
        "Invalid initializer argument",
        "{0}");

    /// <summary>Message: "{0} loss needs ...".</summary>
    public static readonly DiagnosticDescriptor LossMismatch = Error(
        "NDSL0013",
        "Loss does not fit the output activation",
        "The {0} loss needs a {1} output layer, but the last layer uses "
            + "{2}: make the last activation {1} or choose another loss");

    /// <summary>Message: "'{0}' is file-local ...".</summary>
    public static readonly DiagnosticDescriptor FileLocal = Error(
        "NDSL0014",
        "Network type cannot be file-local",
        "'{0}' is file-local, and the members NetDsl generates in a file of "
            + "their own cannot be added to it: remove the 'file' modifier");

    /// <summary>Message: "{0}" (what is wrong with a [Grid] and what to write).</summary>
    public static readonly DiagnosticDescriptor InvalidGrid = Error(
        "NDSL0015",
        "Invalid grid",
        "{0}");

    /// <summary>Message: "[Dense({0})] gives no initializer and activation ...".</summary>
    public static readonly DiagnosticDescriptor VaryingLayerOutsideGrid = Error(
        "NDSL0016",
        "Layer without initializer and activation outside a grid",
        "[Dense({0})] gives no initializer and activation, which only a [Grid] family "
            + "supplies: write [Dense({0}, Init.HeNormal, Act.ReLU)] or add a [Grid]");

    /// <summary>Message: "'{0}' is the name of a member NetDsl generates ...".</summary>
    public static readonly DiagnosticDescriptor ReservedName = Error(
        "NDSL0017",
        "Network type named like a generated member",
        "'{0}' is also the name of a member NetDsl generates inside the {1}, "
            + "and a member cannot share its type's name: rename the type");

    /// <summary>Message: "'{0}' collides with a member NetDsl generates in the {2} '{1}': {3}", where {3} says what
    /// to write instead (rename it; remove a second explicit implementation).</summary>
    public static readonly DiagnosticDescriptor MemberNameClash = Error(
        "NDSL0018",
        "Member named like a generated member",
        "'{0}' collides with a member NetDsl generates in the {2} '{1}': {3}");

    /// <summary>Message: "'{0}' inherits '{1}' from '{2}' ...".</summary>
    public static readonly DiagnosticDescriptor InheritedNameClash = Error(
        "NDSL0019",
        "Base type has a member named like a generated member",
        "'{0}' inherits '{1}' from '{2}', and the member NetDsl generates under that name would hide it: derive "
            + "'{0}' from another type (a network cannot derive from a network, nor a family from a family), or "
            + "rename the member in '{2}'");

    /// <summary>Message: "NetDsl's generated code needs C# 11 ...".</summary>
    public static readonly DiagnosticDescriptor LanguageVersionTooLow = Error(
        "NDSL0020",
        "C# 11 or later is required",
        "NetDsl's generated code for '{0}' needs C# 11 or later (it calls static abstract interface "
            + "members), but this project compiles C# {1}: set <LangVersion> to 11 or later, or remove it");

    /// <summary>Message: "Layer {0} is a Softmax over one unit, which always outputs 1 ...".</summary>
    public static readonly DiagnosticDescriptor SingleUnitSoftmax = Error(
        "NDSL0021",
        "Softmax over a single unit",
        "Layer {0} is a Softmax over one unit, which always outputs 1: the network would predict nothing and never "
            + "learn (its loss and gradient are 0). For a yes/no output write [Dense(1, init, Act.Sigmoid)]; for "
            + "classes, give the layer one unit per class");

    /// <summary>Message: "'{0}' is marked [{1}], which {2} ...".</summary>
    public static readonly DiagnosticDescriptor InteropLayout = Error(
        "NDSL0022",
        "Network class has an interop layout",
        "'{0}' is marked [{1}], which {2}: remove the attribute, a network's layout is NetDsl's");

    /// <summary>Message: "Layer {0} is a hidden layer initialized with {1} ...".</summary>
    public static readonly DiagnosticDescriptor SymmetricHiddenWeights = Warning(
        "NDSL1001",
        "Hidden layer starts with identical weights",
        "Layer {0} is a hidden layer initialized with {1}: every unit computes the same output "
            + "and receives the same gradient, so the units never become different; use {2}");

    /// <summary>Message: "{0} is derived for ReLU ...; {1} zeroes none ...: use {2}".</summary>
    public static readonly DiagnosticDescriptor HeUnderSaturatingActivation = Warning(
        "NDSL1002",
        "He initialization under a saturating activation",
        "{0} is derived for ReLU: its factor of 2 makes up for the half of the inputs ReLU zeroes. {1} zeroes none, "
            + "so the factor only enlarges each layer's pre-activations, and in a deep stack that compounds toward "
            + "{1}'s flat tails, where gradients vanish: use {2}");

    /// <summary>Message: "{0} under a stack of {1} ReLU layers ...".</summary>
    public static readonly DiagnosticDescriptor GlorotUnderDeepRelu = Warning(
        "NDSL1003",
        "Glorot or LeCun initialization in a deep ReLU stack",
        "{0} ignores that {1} zeroes half its inputs, so the signal's variance roughly halves "
            + "at each of the network's {2} ReLU-family layers and gradients vanish: use {3}");

    /// <summary>Message: "SELU keeps activations at zero mean and unit variance when ...; {0}: use {1}", where {0}
    /// says how the initializer differs.</summary>
    public static readonly DiagnosticDescriptor SeluWithoutLeCun = Warning(
        "NDSL1004",
        "SELU without LeCun normal initialization",
        "SELU keeps activations at zero mean and unit variance when the weights are "
            + "normal with variance 1/fan_in, as LeCunNormal draws them; {0}: use {1}");

    /// <summary>Message: "{0} ignores the negative slope ...".</summary>
    public static readonly DiagnosticDescriptor SlopeIgnored = Warning(
        "NDSL1005",
        "Initializer ignores the activation's slope",
        "{0} ignores the negative slope α = {1} of {2}; the He initializers "
            + "scale by √(2/(1 + α²)) to account for it: use {3}");

    /// <summary>Message: "{0} has no effect ...".</summary>
    public static readonly DiagnosticDescriptor UnusedArgument = Warning(
        "NDSL1006",
        "Named argument has no effect",
        "{0} has no effect on a layer with {1}: remove it");

    /// <summary>Message: "Mean squared error on {0} outputs ...".</summary>
    public static readonly DiagnosticDescriptor SlowLossPair = Warning(
        "NDSL1007",
        "Loss learns slowly with this output activation",
        "Mean squared error on {0} outputs multiplies every gradient by the activation's "
            + "slope, which vanishes when the output saturates: use the {1} loss");

    private static DiagnosticDescriptor Error(string id, string title, string message)
        => new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    private static DiagnosticDescriptor Warning(string id, string title, string message)
        => new(id, title, message, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);
}
