using NetDsl.Generator.Model;

namespace NetDsl.Generator.Tests;

/// <summary>
/// The generator cannot reference the runtime (netstandard2.0 against net10.0), so it repeats the runtime's enums as
/// InitKind, ActKind and LossKind, and the constants of its random draws. A member added or renumbered on one side
/// only would make the generator misread attributes, a constant changed on one side misjudge arguments; these tests
/// catch it.
/// </summary>
public sealed class MirrorEnumTests
{
    /// <summary>The runtime's second names for a member, which the mirrors need not repeat.</summary>
    private static readonly Dictionary<string, string> Aliases = new()
    {
        ["He"] = nameof(Init.HeNormal),
        ["Xavier"] = nameof(Init.GlorotUniform),
    };

    public static TheoryData<Type, Type> Pairs => new()
    {
        { typeof(Init), typeof(InitKind) },
        { typeof(Act), typeof(ActKind) },
        { typeof(Loss), typeof(LossKind) },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Each_mirror_has_the_runtime_enums_members_with_the_same_values(Type runtime, Type mirror)
    {
        var runtimeMembers = Members(runtime).Where(m => !Aliases.ContainsKey(m.Name)).ToList();
        var mirrorMembers = Members(mirror).ToList();

        Assert.Equal(runtimeMembers, mirrorMembers);
        Assert.Equal(Enum.GetUnderlyingType(runtime), Enum.GetUnderlyingType(mirror));
    }

    [Fact]
    public void The_runtime_aliases_are_the_known_ones_and_name_existing_members()
    {
        var duplicates = Enum.GetNames<Init>()
            .GroupBy(name => (int)Enum.Parse<Init>(name))
            .Where(group => group.Count() > 1)
            .SelectMany(group => group.Where(name => !Enum.IsDefined(typeof(InitKind), name)))
            .Order(StringComparer.Ordinal);

        Assert.Equal(Aliases.Keys.Order(StringComparer.Ordinal), duplicates);
        foreach ((string alias, string member) in Aliases)
        {
            Assert.Equal(Enum.Parse<Init>(member), Enum.Parse<Init>(alias));
        }

        Assert.Equal(Enum.GetNames<Act>().Length, Enum.GetValues<Act>().Distinct().Count());
        Assert.Equal(Enum.GetNames<Loss>().Length, Enum.GetValues<Loss>().Distinct().Count());
    }

    [Fact]
    public void The_largest_defined_values_the_parser_accepts_are_the_runtimes()
    {
        Assert.Equal(Traits.MaxDefinedInit, Enum.GetValues<Init>().Max(v => (int)v));
        Assert.Equal(Traits.MaxDefinedAct, Enum.GetValues<Act>().Max(v => (int)v));
        Assert.Equal(Traits.MaxDefinedLoss, Enum.GetValues<Loss>().Max(v => (int)v));

        // The parser accepts 0..max, so the values must have no gaps.
        Assert.Equal(
            Enumerable.Range(0, Traits.MaxDefinedInit + 1),
            Enum.GetValues<Init>().Select(v => (int)v).Distinct().Order());
        Assert.Equal(Enumerable.Range(0, Traits.MaxDefinedAct + 1), Enum.GetValues<Act>().Select(v => (int)v).Order());
        Assert.Equal(
            Enumerable.Range(0, Traits.MaxDefinedLoss + 1), Enum.GetValues<Loss>().Select(v => (int)v).Order());
    }

    [Fact]
    public void The_draw_constants_the_parser_repeats_are_the_runtimes()
    {
        // NDSL0012 and NDSL1001 compute the runtime's extreme draws from these.
        Assert.Equal(NetDsl.Initialization.CounterRandom.LargestStandardNormal, Traits.MaxStandardNormal);
        Assert.Equal(NetDsl.Initialization.Initializers.TruncatedStdRatio, Traits.TruncatedStdRatio);
    }

    private static IEnumerable<(string Name, long Value)> Members(Type enumType)
        => Enum.GetNames(enumType)
            .Select(name => (
                name, Convert.ToInt64(Enum.Parse(enumType, name), System.Globalization.CultureInfo.InvariantCulture)))
            .OrderBy(member => member.Item2)
            .ThenBy(member => member.name, StringComparer.Ordinal);
}
