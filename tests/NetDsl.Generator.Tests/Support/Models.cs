namespace NetDsl.Generator.Tests.Support;

/// <summary>The networks several test classes share, as users write them.</summary>
internal static class Models
{
    /// <summary>The 784-128-10 classifier of Fashion-MNIST, with the aliases users know (He, Xavier).</summary>
    public const string FashionNet = """
        using NetDsl;

        namespace Samples;

        /// <summary>Classifies 28×28 images into ten kinds of clothing.</summary>
        [Input(784)]
        [Dense(128, Init.He, Act.ReLU)]
        [Dense(10, Init.Xavier, Act.Softmax)]
        public partial class FashionNet
        {
        }
        """;

    /// <summary>Leaky and parametric ReLU: a fixed slope in the kernel, learned slopes in the storage.</summary>
    public const string LeakyNet = """
        using NetDsl;

        namespace Samples;

        /// <summary>A regressor with leaky hidden layers.</summary>
        [Input(20)]
        [Dense(48, Init.HeUniform, Act.LeakyReLU, Alpha = 0.2)]
        [Dense(40, Act.PReLU, Bias = 0.1)]
        [Dense(24, Act.LeakyReLU)]
        [Dense(1, Init.GlorotUniform, Act.Linear)]
        public partial class LeakyNet
        {
        }
        """;

    /// <summary>Five hidden layers of one shape: one set of kernels serves layers 1 to 5.</summary>
    public const string SharedKernelsNet = """
        using NetDsl;

        namespace Samples;

        /// <summary>A deep stack of equal layers.</summary>
        [Input(64)]
        [Dense(64, Init.He, Act.ReLU)]
        [Dense(64, Init.He, Act.ReLU)]
        [Dense(64, Init.He, Act.ReLU)]
        [Dense(64, Init.He, Act.ReLU)]
        [Dense(64, Init.He, Act.ReLU)]
        [Dense(64, Init.He, Act.ReLU)]
        [Dense(3, Init.Xavier, Act.Sigmoid)]
        public partial class SharedKernelsNet
        {
        }
        """;

    /// <summary>A network inside a block namespace and three containers of different kinds.</summary>
    public const string NestedNet = """
        using NetDsl;

        namespace Company.Product
        {
            namespace Models
            {
                /// <summary>Holds the models.</summary>
                public static partial class Catalog
                {
                    /// <summary>A group.</summary>
                    public partial record struct Group
                    {
                        /// <summary>A kind.</summary>
                        public partial record Kind
                        {
                            /// <summary>A small tanh network.</summary>
                            [Input(3)]
                            [Dense(5, Act.Tanh)]
                            [Dense(2, Act.Linear)]
                            public partial class TinyNet
                            {
                            }
                        }
                    }
                }
            }
        }
        """;
}
