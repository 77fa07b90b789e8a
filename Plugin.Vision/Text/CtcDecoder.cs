using Vision.Tensors;

namespace Vision.Text;

/// <summary>
/// Greedy CTC decoding of a recognizer's output [1, T, classes]: the best class per time step, repeats collapsed, blanks
/// dropped. Class 0 is the blank, class i (1..keys) is keys[i - 1], and the class after the keys is a space (PaddleOCR's
/// use_space_char).
/// </summary>
public static class CtcDecoder
{
    public static (string Text, float Confidence) Decode(Tensor probabilities, IReadOnlyList<string> keys)
    {
        var s = probabilities.Shape;
        if (s.Length != 3 || s[0] != 1) throw new ArgumentException($"expected [1, T, classes], got {Tensor.ShapeString(s)}.", nameof(probabilities));
        int steps = s[1], classes = s[2];
        if (classes < keys.Count + 1) throw new ArgumentException($"{classes} classes cannot cover a blank and {keys.Count} keys.", nameof(keys));
        var text = new System.Text.StringBuilder();
        float confidence = 0;
        int count = 0, previous = -1;
        for (int t = 0; t < steps; t++)
        {
            int best = 0;
            float bestP = float.NegativeInfinity;
            for (int c = 0; c < classes; c++)
            {
                float p = probabilities.Data[t * classes + c];
                if (p > bestP) { bestP = p; best = c; }
            }
            if (best != 0 && best != previous)
            {
                text.Append(best <= keys.Count ? keys[best - 1] : " ");
                confidence += bestP;
                count++;
            }
            previous = best;
        }
        return (text.ToString(), count > 0 ? confidence / count : 0f);
    }
}
