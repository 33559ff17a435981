using System.Reflection;
using System.Reflection.Emit;
using NetDsl.Data;
using NetDsl.Initialization;
using NetDsl.Serialization;
using NetDsl.Tests.Training.Models;
using NetDsl.Training;

namespace NetDsl.Tests;

/// <summary>
/// Every public method and constructor of the runtime refuses null for each reference parameter not declared
/// nullable, with an <see cref="ArgumentNullException"/> that names the parameter: <c>TrainingLoop.Run(null!, ...)</c>
/// once threw a <see cref="NullReferenceException"/>. Found by reflection, so a new member is covered without a new
/// test; calls go through emitted IL, which can pass the empty spans reflection cannot.
/// </summary>
public sealed class NullArgumentTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("netdsl-null-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Every_public_reference_parameter_refuses_null_by_name()
    {
        var nullability = new NullabilityInfoContext();
        var failures = new List<string>();
        int checkedCount = 0;
        foreach (MethodBase member in PublicMembers())
        {
            ParameterInfo[] parameters = member.GetParameters();
            foreach (ParameterInfo parameter in parameters)
            {
                Type type = parameter.ParameterType;
                if (type.IsValueType || type.IsByRef || type.IsPointer
                    || nullability.Create(parameter).WriteState != NullabilityState.NotNull)
                {
                    continue;
                }

                checkedCount++;
                string name = $"{member.DeclaringType!.Name}.{member.Name}({parameter.Name} = null)";
                try
                {
                    bool isStatic = member.IsStatic || member is ConstructorInfo;
                    object? instance = isStatic ? null : Sample(member.DeclaringType);
                    object?[] arguments = [.. parameters.Select(p => p == parameter ? null : Sample(p.ParameterType))];
                    Invoke(member, instance, arguments);
                    failures.Add($"{name} was accepted");
                }
                catch (ArgumentNullException e) when (e.ParamName == parameter.Name)
                {
                }
                catch (Exception e)
                {
                    failures.Add($"{name} threw {e.GetType().Name}: {e.Message}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.True(checkedCount > 50, $"only {checkedCount} parameters were found");
    }

    private static IEnumerable<MethodBase> PublicMembers()
    {
        const BindingFlags Declared =
            BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (Type type in typeof(INetwork).Assembly.GetTypes().Where(t => t.IsVisible && !t.IsInterface))
        {
            // An open generic type is checked closed over a type its members accept.
            Type closed = type == typeof(InlineProgress<>) ? typeof(InlineProgress<TrainingProgress>) : type;
            if (closed.ContainsGenericParameters)
            {
                throw new InvalidOperationException($"{type} needs a closed form to be checked");
            }

            IEnumerable<MethodBase> members = closed.IsAbstract && !closed.IsSealed
                ? closed.GetMethods(Declared).Where(m => m.IsStatic)
                : closed.GetConstructors().Concat<MethodBase>(closed.GetMethods(Declared));
            foreach (MethodBase member in members)
            {
                // Operators and accessors take null by design (a == null) or are set by initializers.
                bool byRef = member.GetParameters().Any(p => p.ParameterType.IsByRef || p.ParameterType.IsPointer);
                if (!member.IsSpecialName && !member.IsAbstract && !member.ContainsGenericParameters && !byRef)
                {
                    yield return member;
                }
            }
        }
    }

    /// <summary>A valid value of each type the runtime's public members take, so that only the null is wrong.
    /// </summary>
    private object? Sample(Type type)
    {
        var network = new Xor();
        return type switch
        {
            _ when type == typeof(string) => Path.Combine(_folder, "sample"),
            _ when type.IsByRefLike => null, // Invoke passes an empty span.
            _ when type.IsEnum => Enum.GetValues(type).GetValue(0),
            _ when type == typeof(int) || type == typeof(long) || type == typeof(float) || type == typeof(double)
                => Convert.ChangeType(1, type, System.Globalization.CultureInfo.InvariantCulture),
            _ when type.IsValueType => Activator.CreateInstance(type),
            _ when type.IsArray => Array.CreateInstance(type.GetElementType()!, 1),
            _ when type == typeof(Stream) => new MemoryStream(),
            _ when type == typeof(INetwork) => network,
            _ when type == typeof(NetworkDescription) => Xor.Description,
            _ when type == typeof(IReadOnlyList<LayerDescription>) => Xor.Description.Layers,
            _ when type == typeof(LayerDescription) => Xor.Description.Layers[0],
            _ when type == typeof(ITrainer) => network.CreateTrainer(new Sgd(0.1f), 4),
            _ when type == typeof(IOptimizer) => new Sgd(0.1f),
            _ when type == typeof(Adam) => new Adam(),
            _ when type == typeof(AdamW) => new AdamW(),
            _ when type == typeof(Sgd) => new Sgd(0.1f),
            _ when type == typeof(StepDecay) => new StepDecay(0.1f, 1),
            _ when type == typeof(CosineDecay) => new CosineDecay(0.1f, 1),
            _ when type == typeof(ConstantRate) => new ConstantRate(0.1f),
            _ when type == typeof(TrainingSet) => TrainingSet.WithTargets([0, 1], 2, [1], 1),
            _ when type == typeof(TrainingOptions) => new TrainingOptions(),
            _ when type == typeof(TrainingHistory) => new TrainingHistory([], false, 0),
            _ when type == typeof(IReadOnlyList<EpochReport>) => Array.Empty<EpochReport>(),
            _ when type == typeof(EpochReport) => new EpochReport(1, 1, 0, null, 0.1f, TimeSpan.Zero, false),
            _ when type == typeof(BatchProgress) => new BatchProgress(1, 1, 1, 1, 0, 0),
            _ when type == typeof(IProgress<TrainingProgress>) || type == typeof(InlineProgress<TrainingProgress>)
                => new InlineProgress<TrainingProgress>(_ => { }),
            _ when type == typeof(Action<TrainingProgress>) => new Action<TrainingProgress>(_ => { }),
            _ when type == typeof(Func<INetwork>) => new Func<INetwork>(() => new Xor()),
            _ when type == typeof(NetworkVariant) => new NetworkVariant(Init.Zeros, Act.ReLU, () => new Xor()),
            _ when type == typeof(IReadOnlyList<int>) => new[] { 1 },
            _ when type == typeof(IReadOnlyList<long>) => new[] { 1L },
            _ when type == typeof(IReadOnlyList<TensorLayout>) => new[] { new TensorLayout("a", [1]) },
            _ when type == typeof(IReadOnlyDictionary<string, string>) => new Dictionary<string, string>(),
            _ when type == typeof(TensorLayout) => new TensorLayout("a", [1]),
            _ when type == typeof(TensorEntry) => SampleFile().Header.Tensors[0],
            _ when type == typeof(SafetensorsFile) => SampleFile(),
            _ when type == typeof(SafetensorsHeader) => SampleFile().Header,
            _ when type == typeof(WeightsLoadOptions) => WeightsLoadOptions.Default,
            _ when type == typeof(IdxArray) => new IdxArray([1], [0]),
            _ when type == typeof(ImageSet) => new ImageSet([0], 1, 1, 1),
            _ when type == typeof(LabelledImageSet) => new LabelledImageSet(new ImageSet([0], 1, 1, 1), [0]),
            _ when type == typeof(InitParameters) => new InitParameters(),
            _ when typeof(Attribute).IsAssignableFrom(type) => null,
            _ => throw new InvalidOperationException($"No sample value of {type}: add one."),
        };
    }

    private static SafetensorsFile SampleFile()
    {
        var stream = new MemoryStream();
        SafetensorsWriter.WriteSingles(stream, [new TensorLayout("a", [1])], [1f]);
        stream.Position = 0;
        return SafetensorsReader.Read(stream);
    }

    /// <summary>Calls <paramref name="member"/> through emitted IL: reflection's Invoke cannot pass a span, nor return
    /// one. Byref-like parameters get their default, an empty span.</summary>
    private static void Invoke(MethodBase member, object? instance, object?[] arguments)
    {
        var method = new DynamicMethod(
            "Call", typeof(void), [typeof(object), typeof(object[])], typeof(NullArgumentTests).Module, true);
        ILGenerator il = method.GetILGenerator();
        Type declaring = member.DeclaringType!;
        if (member is MethodInfo { IsStatic: false })
        {
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(declaring.IsValueType ? OpCodes.Unbox : OpCodes.Castclass, declaring);
        }

        ParameterInfo[] parameters = member.GetParameters();
        for (int i = 0; i < parameters.Length; i++)
        {
            Type type = parameters[i].ParameterType;
            if (type.IsByRefLike)
            {
                LocalBuilder local = il.DeclareLocal(type);
                il.Emit(OpCodes.Ldloca, local);
                il.Emit(OpCodes.Initobj, type);
                il.Emit(OpCodes.Ldloc, local);
                continue;
            }

            il.Emit(OpCodes.Ldarg_1);
            il.Emit(OpCodes.Ldc_I4, i);
            il.Emit(OpCodes.Ldelem_Ref);
            il.Emit(type.IsValueType ? OpCodes.Unbox_Any : OpCodes.Castclass, type);
        }

        if (member is ConstructorInfo constructor)
        {
            il.Emit(OpCodes.Newobj, constructor);
            il.Emit(OpCodes.Pop);
        }
        else
        {
            var called = (MethodInfo)member;
            il.Emit(called.IsStatic || declaring.IsValueType ? OpCodes.Call : OpCodes.Callvirt, called);
            if (called.ReturnType != typeof(void))
            {
                il.Emit(OpCodes.Pop);
            }
        }

        il.Emit(OpCodes.Ret);
        method.CreateDelegate<Action<object?, object?[]>>()(instance, arguments);
    }
}
