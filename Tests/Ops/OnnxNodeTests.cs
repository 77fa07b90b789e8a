using Vision.Backends;
using Vision.Ops;
using Vision.Tensors;
using Vision.Tests.Harness;

namespace Vision.Tests.Ops;

/// <summary>
/// The ONNX backend node tests (Debian's libonnx-testdata) for the ops of this folder: each case builds the op the way
/// the compiler would from the node's attributes and constant inputs (read off model.onnx once, written out here),
/// and both the CPU reference and the backend must reproduce output_0.pb. Skipped where the data is not installed.
/// </summary>
[TestFixtureSource(typeof(BackendTest), nameof(All))]
public sealed class OnnxNodeTests(Backend kind) : BackendTest(kind)
{
    private const string Root = "/usr/share/libonnx-testdata/data/node";

    private static int[] Ints(Tensor t) => t.Longs.Select(v => checked((int)v)).ToArray();

    private static readonly Dictionary<string, Func<Tensor[], (Op Op, Tensor?[] Inputs)>> Cases = new()
    {
        ["test_convtranspose"] = t => (new ConvTranspose2d(), [t[0], t[1], null]),
        ["test_convtranspose_autopad_same"] = t => (new ConvTranspose2d(2, 2, ConvTranspose2d.ComputePads(AutoPad.SameUpper, 3, 3, 3, 3, 2, 2)), [t[0], t[1], null]),
        ["test_convtranspose_dilations"] = t => (new ConvTranspose2d(dilationH: 2, dilationW: 2), [t[0], t[1], null]),
        ["test_convtranspose_kernel_shape"] = t => (new ConvTranspose2d(3, 2, ConvTranspose2d.ComputePads(AutoPad.NotSet, 3, 3, 3, 3, 3, 2, outputPaddingH: 1, outputPaddingW: 1, outputH: 10, outputW: 8), 1, 1), [t[0], t[1], null]),
        ["test_convtranspose_with_kernel"] = t => (new ConvTranspose2d(3, 2, ConvTranspose2d.ComputePads(AutoPad.NotSet, 3, 3, 3, 3, 3, 2, outputPaddingH: 1, outputPaddingW: 1, outputH: 10, outputW: 8), 1, 1), [t[0], t[1], null]),
        ["test_convtranspose_output_shape"] = t => (new ConvTranspose2d(3, 2, ConvTranspose2d.ComputePads(AutoPad.NotSet, 3, 3, 3, 3, 3, 2, outputH: 10, outputW: 8)), [t[0], t[1], null]),
        ["test_convtranspose_pad"] = t => (new ConvTranspose2d(3, 2, default, 1, 1), [t[0], t[1], null]),
        // ONNX pads [h_begin, w_begin, h_end, w_end] = [1, 2, 1, 2].
        ["test_convtranspose_pads"] = t => (new ConvTranspose2d(3, 2, new Pads(1, 2, 1, 2)), [t[0], t[1], null]),

        ["test_resize_downsample_scales_linear"] = t => (new Resize(ResizeMode.Linear, scales: t[1].Data), [t[0]]),
        ["test_resize_downsample_scales_linear_align_corners"] = t => (new Resize(ResizeMode.Linear, scales: t[1].Data, coordinates: ResizeCoordinates.AlignCorners), [t[0]]),
        ["test_resize_downsample_scales_nearest"] = t => (new Resize(ResizeMode.Nearest, scales: t[1].Data), [t[0]]),
        ["test_resize_downsample_sizes_linear_pytorch_half_pixel"] = t => (new Resize(ResizeMode.Linear, sizes: Ints(t[1]), coordinates: ResizeCoordinates.PytorchHalfPixel), [t[0]]),
        ["test_resize_downsample_sizes_nearest"] = t => (new Resize(ResizeMode.Nearest, sizes: Ints(t[1])), [t[0]]),
        ["test_resize_downsample_sizes_nearest_tf_half_pixel_for_nn"] = t => (new Resize(ResizeMode.Nearest, sizes: Ints(t[1]), coordinates: ResizeCoordinates.TfHalfPixelForNearest), [t[0]]),
        ["test_resize_upsample_scales_linear"] = t => (new Resize(ResizeMode.Linear, scales: t[1].Data), [t[0]]),
        ["test_resize_upsample_scales_linear_align_corners"] = t => (new Resize(ResizeMode.Linear, scales: t[1].Data, coordinates: ResizeCoordinates.AlignCorners), [t[0]]),
        ["test_resize_upsample_scales_nearest"] = t => (new Resize(ResizeMode.Nearest, scales: t[1].Data), [t[0]]),
        ["test_resize_upsample_sizes_nearest"] = t => (new Resize(ResizeMode.Nearest, sizes: Ints(t[1])), [t[0]]),
        ["test_resize_upsample_sizes_nearest_ceil_half_pixel"] = t => (new Resize(ResizeMode.Nearest, sizes: Ints(t[1]), nearestMode: ResizeNearestMode.Ceil), [t[0]]),
        ["test_resize_upsample_sizes_nearest_floor_align_corners"] = t => (new Resize(ResizeMode.Nearest, sizes: Ints(t[1]), coordinates: ResizeCoordinates.AlignCorners, nearestMode: ResizeNearestMode.Floor), [t[0]]),
        ["test_resize_upsample_sizes_nearest_round_prefer_ceil_asymmetric"] = t => (new Resize(ResizeMode.Nearest, sizes: Ints(t[1]), coordinates: ResizeCoordinates.Asymmetric, nearestMode: ResizeNearestMode.RoundPreferCeil), [t[0]]),
        ["test_upsample_nearest"] = t => (Resize.Upsample(ResizeMode.Nearest, t[1].Data), [t[0]]),

        ["test_constant_pad"] = t => (Pad.FromOnnx(t[1].Longs, PadMode.Constant, t[2].Data[0]), [t[0]]),
        ["test_edge_pad"] = t => (Pad.FromOnnx(t[1].Longs, PadMode.Edge), [t[0]]),
        ["test_reflect_pad"] = t => (Pad.FromOnnx(t[1].Longs, PadMode.Reflect), [t[0]]),

        ["test_depthtospace_dcr_mode"] = t => (new DepthToSpace(2), [t[0]]),
        ["test_depthtospace_example"] = t => (new DepthToSpace(2), [t[0]]),
        ["test_depthtospace_crd_mode"] = t => (new DepthToSpace(2, DepthToSpaceMode.CRD), [t[0]]),
        ["test_depthtospace_crd_mode_example"] = t => (new DepthToSpace(2, DepthToSpaceMode.CRD), [t[0]]),
        ["test_spacetodepth"] = t => (new SpaceToDepth(2), [t[0]]),
        ["test_spacetodepth_example"] = t => (new SpaceToDepth(2), [t[0]]),

        ["test_slice"] = Slice,
        ["test_slice_default_axes"] = Slice,
        ["test_slice_default_steps"] = Slice,
        ["test_slice_end_out_of_bounds"] = Slice,
        ["test_slice_neg"] = Slice,
        ["test_slice_neg_steps"] = Slice,
        ["test_slice_negative_axes"] = Slice,
        ["test_slice_start_out_of_bounds"] = Slice,

        ["test_gather_0"] = t => (new Gather(0, Ints(t[1]), t[1].Shape), [t[0]]),
        ["test_gather_1"] = t => (new Gather(1, Ints(t[1]), t[1].Shape), [t[0]]),
        ["test_gather_2d_indices"] = t => (new Gather(1, Ints(t[1]), t[1].Shape), [t[0]]),
        ["test_gather_negative_indices"] = t => (new Gather(0, Ints(t[1]), t[1].Shape), [t[0]]),

        ["test_expand_dim_changed"] = t => (new Expand(Ints(t[1])), [t[0]]),
        ["test_expand_dim_unchanged"] = t => (new Expand(Ints(t[1])), [t[0]]),

        ["test_matmul_2d"] = t => (new MatMul(), [t[0], t[1]]),
        ["test_matmul_3d"] = t => (new MatMul(), [t[0], t[1]]),
        ["test_matmul_4d"] = t => (new MatMul(), [t[0], t[1]]),

        ["test_transpose_default"] = t => (new Transpose(), [t[0]]),
        ["test_transpose_all_permutations_0"] = t => (new Transpose([0, 1, 2]), [t[0]]),
        ["test_transpose_all_permutations_1"] = t => (new Transpose([0, 2, 1]), [t[0]]),
        ["test_transpose_all_permutations_2"] = t => (new Transpose([1, 0, 2]), [t[0]]),
        ["test_transpose_all_permutations_3"] = t => (new Transpose([1, 2, 0]), [t[0]]),
        ["test_transpose_all_permutations_4"] = t => (new Transpose([2, 0, 1]), [t[0]]),
        ["test_transpose_all_permutations_5"] = t => (new Transpose([2, 1, 0]), [t[0]]),

        ["test_reshape_extended_dims"] = Reshape,
        ["test_reshape_negative_dim"] = Reshape,
        ["test_reshape_negative_extended_dims"] = Reshape,
        ["test_reshape_one_dim"] = Reshape,
        ["test_reshape_reduced_dims"] = Reshape,
        ["test_reshape_reordered_all_dims"] = Reshape,
        ["test_reshape_reordered_last_dims"] = Reshape,
        ["test_reshape_zero_and_negative_dim"] = Reshape,
        ["test_reshape_zero_dim"] = Reshape,
        ["test_reshape_allowzero_reordered"] = t => (new Reshape(Ints(t[1]), allowZero: true), [t[0]]),

        ["test_concat_1d_axis_0"] = t => (new Concat(0), [t[0], t[1]]),
        ["test_concat_1d_axis_negative_1"] = t => (new Concat(-1), [t[0], t[1]]),
        ["test_concat_2d_axis_0"] = t => (new Concat(0), [t[0], t[1]]),
        ["test_concat_2d_axis_1"] = t => (new Concat(1), [t[0], t[1]]),
        ["test_concat_2d_axis_negative_1"] = t => (new Concat(-1), [t[0], t[1]]),
        ["test_concat_2d_axis_negative_2"] = t => (new Concat(-2), [t[0], t[1]]),
        ["test_concat_3d_axis_0"] = t => (new Concat(0), [t[0], t[1]]),
        ["test_concat_3d_axis_1"] = t => (new Concat(1), [t[0], t[1]]),
        ["test_concat_3d_axis_2"] = t => (new Concat(2), [t[0], t[1]]),
        ["test_concat_3d_axis_negative_1"] = t => (new Concat(-1), [t[0], t[1]]),
        ["test_concat_3d_axis_negative_2"] = t => (new Concat(-2), [t[0], t[1]]),
        ["test_concat_3d_axis_negative_3"] = t => (new Concat(-3), [t[0], t[1]]),
    };

    // Slice's optional inputs arrive in order: starts, ends, axes, steps.
    private static (Op, Tensor?[]) Slice(Tensor[] t) =>
        (new Slice(t[1].Longs, t[2].Longs, t.Length > 3 ? Ints(t[3]) : null, t.Length > 4 ? t[4].Longs : null), [t[0]]);

    private static (Op, Tensor?[]) Reshape(Tensor[] t) => (new Reshape(Ints(t[1])), [t[0]]);

    public static IEnumerable<string> Names => Cases.Keys;

    [TestCaseSource(nameof(Names))]
    public void MatchesOnnx(string name)
    {
        string dir = Path.Combine(Root, name, "test_data_set_0");
        if (!Directory.Exists(dir)) Assert.Ignore($"skipped: {dir} is missing (install libonnx-testdata)");
        var files = Directory.GetFiles(dir, "input_*.pb").Order(StringComparer.Ordinal).ToArray();
        var inputs = files.Select(OnnxTensorFile.Read).ToArray();
        var expected = OnnxTensorFile.Read(Path.Combine(dir, "output_0.pb"));
        var (op, opInputs) = Cases[name](inputs);
        TensorAssert.Close(expected, op.Reference(opInputs), Tolerance.Model, $"{name}: {op.Name} reference");
        TensorAssert.Close(expected, Compute.Run(op, opInputs), Tolerance.Model, $"{name}: {op.Name} on {Kind}");
    }
}
