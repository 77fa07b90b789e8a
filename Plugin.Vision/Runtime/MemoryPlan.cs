using Vision.Compile;
using Vision.Tensors;

namespace Vision.Runtime;

/// <summary>
/// Assigns device storage to the plan's values by liveness: a value's storage returns to the pool after its last
/// reader, and a later value of no greater size takes it (the smallest that fits; when none fits, the largest free one
/// grows). Aliases (reshapes) share their source's storage.
/// </summary>
internal sealed class MemoryPlan
{
    /// <summary>Storage slot of each value that owns memory (inputs and step outputs).</summary>
    public Dictionary<string, int> SlotOf { get; } = new(StringComparer.Ordinal);

    /// <summary>Elements each storage slot holds.</summary>
    public List<int> SlotSizes { get; } = [];

    public static MemoryPlan Build(ExecutionPlan plan, bool reuse, IEnumerable<string> kept)
    {
        var result = new MemoryPlan();
        var lastUse = new Dictionary<string, int>(StringComparer.Ordinal);
        const int forever = int.MaxValue;
        for (int i = 0; i < plan.Steps.Count; i++)
            foreach (var input in plan.Steps[i].Inputs.OfType<string>())
                lastUse[plan.Root(input)] = i;
        foreach (var v in plan.Outputs.Concat(kept)) lastUse[plan.Root(v)] = forever;

        var free = new List<int>();
        int Take(string value)
        {
            int need = Tensor.ShapeLength(plan.Shapes[value]);
            int best = -1;
            if (reuse)
                foreach (int slot in free)
                    if (result.SlotSizes[slot] >= need && (best < 0 || result.SlotSizes[slot] < result.SlotSizes[best])) best = slot;
            if (best >= 0) { free.Remove(best); return best; }
            // None is large enough: grow the largest free one rather than add a slot beside it (sizes are final only
            // once planning ends; nothing is allocated before).
            if (reuse && free.Count > 0)
            {
                int largest = free.MaxBy(slot => result.SlotSizes[slot]);
                free.Remove(largest);
                result.SlotSizes[largest] = need;
                return largest;
            }
            result.SlotSizes.Add(need);
            return result.SlotSizes.Count - 1;
        }

        foreach (var input in plan.Inputs) result.SlotOf[input] = Take(input);
        for (int i = 0; i < plan.Steps.Count; i++)
        {
            var step = plan.Steps[i];
            result.SlotOf[step.Output] = Take(step.Output);
            // Free after the output is placed, so a step never writes over its own inputs.
            foreach (var root in step.Inputs.OfType<string>().Select(plan.Root).Append(step.Output).Distinct())
                if (result.SlotOf.TryGetValue(root, out int slot) && lastUse.GetValueOrDefault(root, i) == i)
                    free.Add(slot);
        }
        return result;
    }
}
