using Vision.Models;

namespace Vision.Onnx;

/// <summary>
/// The attribute kinds the supported ops define, so a wrong kind (axis given as a float) is reported at load, naming
/// the node, instead of surfacing later as a wrong result. Only supported ops are checked (others keep their own
/// meanings for these names, e.g. Bernoulli's float seed); names not listed here are not checked.
/// </summary>
internal static class OnnxAttributeTypes
{
    private static readonly Dictionary<string, AttributeKind> ByName = new(StringComparer.Ordinal)
    {
        ["kernel_shape"] = AttributeKind.Ints, ["strides"] = AttributeKind.Ints, ["pads"] = AttributeKind.Ints,
        ["dilations"] = AttributeKind.Ints, ["output_padding"] = AttributeKind.Ints, ["output_shape"] = AttributeKind.Ints,
        ["perm"] = AttributeKind.Ints, ["axes"] = AttributeKind.Ints, ["split"] = AttributeKind.Ints,
        ["starts"] = AttributeKind.Ints, ["ends"] = AttributeKind.Ints, ["value_ints"] = AttributeKind.Ints,
        ["group"] = AttributeKind.Int, ["axis"] = AttributeKind.Int, ["keepdims"] = AttributeKind.Int,
        ["transA"] = AttributeKind.Int, ["transB"] = AttributeKind.Int, ["storage_order"] = AttributeKind.Int,
        ["ceil_mode"] = AttributeKind.Int, ["count_include_pad"] = AttributeKind.Int, ["size"] = AttributeKind.Int,
        ["blocksize"] = AttributeKind.Int, ["allowzero"] = AttributeKind.Int, ["start"] = AttributeKind.Int,
        ["end"] = AttributeKind.Int, ["to"] = AttributeKind.Int, ["select_last_index"] = AttributeKind.Int,
        ["noop_with_empty_axes"] = AttributeKind.Int, ["num_outputs"] = AttributeKind.Int,
        ["training_mode"] = AttributeKind.Int, ["spatial"] = AttributeKind.Int, ["is_test"] = AttributeKind.Int,
        ["seed"] = AttributeKind.Int, ["exclude_outside"] = AttributeKind.Int, ["value_int"] = AttributeKind.Int,
        ["alpha"] = AttributeKind.Float, ["beta"] = AttributeKind.Float, ["gamma"] = AttributeKind.Float,
        ["bias"] = AttributeKind.Float, ["epsilon"] = AttributeKind.Float, ["momentum"] = AttributeKind.Float,
        ["ratio"] = AttributeKind.Float, ["min"] = AttributeKind.Float, ["max"] = AttributeKind.Float,
        ["cubic_coeff_a"] = AttributeKind.Float, ["extrapolation_value"] = AttributeKind.Float,
        ["value_float"] = AttributeKind.Float, ["value_floats"] = AttributeKind.Floats, ["scales"] = AttributeKind.Floats,
        ["auto_pad"] = AttributeKind.String, ["mode"] = AttributeKind.String,
        ["coordinate_transformation_mode"] = AttributeKind.String, ["nearest_mode"] = AttributeKind.String,
        ["keep_aspect_ratio_policy"] = AttributeKind.String,
    };

    /// <summary>The kind <paramref name="opType"/> defines for <paramref name="name"/>, or null when not checked.</summary>
    public static AttributeKind? Expected(string opType, string name) => (opType, name) switch
    {
        ("Pad", "value") => AttributeKind.Float,
        ("Constant" or "ConstantOfShape", "value") => AttributeKind.Tensor,
        _ => ByName.TryGetValue(name, out var kind) ? kind : null,
    };
}
