using Vision.Models;
using Vision.Tensors;

namespace Vision.Compile;

/// <summary>
/// Folds inference BatchNormalization into the Conv, ConvTranspose or Gemm that feeds it: with s = gamma / sqrt(var + eps),
/// W'[k] = W[k] * s[k] and b'[k] = (b[k] - mean[k]) * s[k] + beta[k]. Exact up to float rounding; removes a whole pass.
/// </summary>
internal static class BatchNormFolding
{
    public static List<Node> Apply(Model model, Dictionary<string, Tensor> constants, ISet<string> protectedValues)
    {
        var nodes = model.Nodes.ToList();
        var consumers = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var n in nodes)
            foreach (var i in n.Inputs.Where(i => i.Length > 0))
                consumers[i] = consumers.GetValueOrDefault(i) + 1;
        var producer = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < nodes.Count; i++)
            foreach (var o in nodes[i].Outputs) producer[o] = i;

        for (int i = 0; i < nodes.Count; i++)
        {
            var bn = nodes[i];
            if (bn.OpType != "BatchNormalization" || bn.Outputs.Count(o => o.Length > 0) != 1) continue;
            if (bn.GetInt("training_mode", 0) != 0) continue;
            if (!producer.TryGetValue(bn.Inputs[0], out int pi)) continue;
            var conv = nodes[pi];
            // Conv -> Add(per-channel constant) -> BatchNorm (PaddleOCR exports a ConvTranspose's bias as an Add): the
            // constant joins the bias, then the BatchNorm folds as usual.
            float[]? addedBias = null;
            int addIndex = -1;
            if (conv.OpType == "Add" && conv.Inputs.Count == 2 && consumers.GetValueOrDefault(conv.Outputs[0]) == 1 && !protectedValues.Contains(conv.Outputs[0]))
            {
                int constant = constants.ContainsKey(conv.Inputs[1]) ? 1 : constants.ContainsKey(conv.Inputs[0]) ? 0 : -1;
                if (constant < 0 || !producer.TryGetValue(conv.Inputs[1 - constant], out int ci)) continue;
                var c = constants[conv.Inputs[constant]];
                int channels = bn.Inputs.Count > 1 && constants.TryGetValue(bn.Inputs[1], out var g) ? g.Length : -1;
                // [K], [K,1,1] or [1,K,1,1]: one value per channel of an NCHW tensor.
                bool perChannel = c.ElementType == ElementType.Float32 && c.Length == channels &&
                                  (c.Rank == 1 || (c.Rank >= 3 && c.Shape[^1] == 1 && c.Shape[^2] == 1 && c.Shape[^3] == channels));
                if (!perChannel) continue;
                addedBias = c.Data;
                addIndex = pi;
                pi = ci;
                conv = nodes[pi];
            }
            if (conv.OpType is not ("Conv" or "ConvTranspose" or "Gemm") || conv.Outputs.Count != 1) continue;
            if (consumers.GetValueOrDefault(conv.Outputs[0]) != 1 || protectedValues.Contains(conv.Outputs[0])) continue;
            if (conv.OpType == "Gemm" && (conv.GetInt("transA", 0) != 0 || conv.GetFloat("beta", 1f) != 1f && conv.InputOrNull(2) != null)) continue;
            var stats = Enumerable.Range(1, 4).Select(k => constants.GetValueOrDefault(bn.Inputs[k])).ToArray();
            if (stats.Any(t => t == null || t.ElementType != ElementType.Float32)) continue;
            if (!constants.TryGetValue(conv.Inputs[1], out var w) || w.ElementType != ElementType.Float32) continue;
            Tensor? b = conv.InputOrNull(2) is { } bName ? constants.GetValueOrDefault(bName) : null;
            if (conv.InputOrNull(2) != null && b == null) continue;

            float eps = bn.GetFloat("epsilon", 1e-5f);
            int k = stats[0]!.Length;
            var scale = new float[k];
            for (int c = 0; c < k; c++) scale[c] = stats[0]!.Data[c] / MathF.Sqrt(stats[3]!.Data[c] + eps);

            // Output channel of each weight element: Conv [K, C/g, kh, kw] -> dim 0; Gemm [K, N] or [N, K] (transB);
            // ConvTranspose [C, K/g, kh, kw] -> the group's first output channel + dim 1.
            bool gemmColumns = conv.OpType == "Gemm" && conv.GetInt("transB", 0) == 0;
            bool transposed = conv.OpType == "ConvTranspose";
            int group = transposed ? (int)conv.GetInt("group", 1) : 1;
            if (transposed && (w.Rank != 4 || w.Shape[1] * group != k || w.Shape[0] % group != 0)) continue;
            if (!transposed && (gemmColumns ? w.Shape[^1] : w.Shape[0]) != k) continue;
            var wf = (float[])w.Data.Clone();
            int inner = w.Length / w.Shape[0];
            int taps = transposed ? w.Shape[2] * w.Shape[3] : 1, kPerGroup = transposed ? w.Shape[1] : 1, cPerGroup = transposed ? w.Shape[0] / group : 1;
            int OutputChannel(int e) => gemmColumns ? e % k
                : transposed ? e / inner / cPerGroup * kPerGroup + e / taps % kPerGroup
                : e / inner;
            for (int e = 0; e < wf.Length; e++) wf[e] *= scale[OutputChannel(e)];
            var bf = new float[k];
            for (int c = 0; c < k; c++)
            {
                float bias = (b == null ? 0f : b.Data[b.Length == 1 ? 0 : c]) + (addedBias?[c] ?? 0f);
                bf[c] = (bias - stats[2]!.Data[c]) * scale[c] + stats[1]!.Data[c];
            }
            string wName = $"{conv.Name}/w+{bn.Name}", bName2 = $"{conv.Name}/b+{bn.Name}";
            constants[wName] = new Tensor((int[])w.Shape.Clone(), wf);
            constants[bName2] = new Tensor([k], bf);
            var attributes = conv.Attributes.Values;
            nodes[pi] = new Node(conv.Name, conv.OpType, conv.Domain, [conv.Inputs[0], wName, bName2], [bn.Outputs[0]], attributes)
            {
                OpVersion = conv.OpVersion,
                SourceFile = conv.SourceFile,
            };
            nodes[i] = null!;
            if (addIndex >= 0) nodes[addIndex] = null!;
        }
        return nodes.Where(n => n != null).ToList();
    }
}
