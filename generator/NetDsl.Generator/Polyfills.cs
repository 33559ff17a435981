// Language features this netstandard2.0 assembly uses that the framework does not define.
namespace System.Runtime.CompilerServices
{
    /// <summary>Lets records and init accessors compile for netstandard2.0.</summary>
    internal static class IsExternalInit
    {
    }
}
