namespace Vision.Compile;

internal static partial class NodeTranslator
{
    /// <summary>Spatial and data-movement ops; false when the op is not one of them.</summary>
    private static bool Layout(TranslationContext c) => false;
}
