using Vision.Models;

namespace Vision.Onnx;

/// <summary>
/// Puts nodes in an order where each follows the producers of its inputs. Files written in order keep it exactly;
/// out-of-order files are sorted (stable, by original position); a dangling input or a true cycle is an error.
/// </summary>
internal static class OnnxGraphOrder
{
    public static List<Node> Sort(IReadOnlyList<Node> nodes, ISet<string> available, string file)
    {
        var producer = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < nodes.Count; i++)
            foreach (string o in nodes[i].Outputs)
            {
                if (o.Length == 0) continue;
                if (available.Contains(o))
                    throw new ModelLoadException(file, nodes[i].Name, $"output '{o}'",
                        "overwrites a graph input or initializer of the same name. Each value must have one producer; rename it.");
                if (!producer.TryAdd(o, i))
                    throw new ModelLoadException(file, nodes[i].Name, $"output '{o}'",
                        $"is also produced by node '{nodes[producer[o]].Name}'. Each value must have one producer; rename one of them.");
            }

        var dependents = new List<int>[nodes.Count];
        var waiting = new int[nodes.Count];
        for (int i = 0; i < nodes.Count; i++) dependents[i] = [];
        for (int i = 0; i < nodes.Count; i++)
        {
            var seen = new HashSet<int>();
            for (int k = 0; k < nodes[i].Inputs.Count; k++)
            {
                string name = nodes[i].Inputs[k];
                if (name.Length == 0 || available.Contains(name)) continue;
                if (!producer.TryGetValue(name, out int p))
                    throw new ModelLoadException(file, nodes[i].Name, $"input[{k}] '{name}'",
                        "is neither a graph input, an initializer nor the output of any node. The model is incomplete: re-export it with all its weights.");
                if (seen.Add(p))
                {
                    dependents[p].Add(i);
                    waiting[i]++;
                }
            }
        }

        // Kahn's algorithm, always taking the ready node that came first in the file, so ordered files stay unchanged.
        var ready = new PriorityQueue<int, int>();
        for (int i = 0; i < nodes.Count; i++) if (waiting[i] == 0) ready.Enqueue(i, i);
        var order = new List<Node>(nodes.Count);
        while (ready.TryDequeue(out int i, out _))
        {
            order.Add(nodes[i]);
            foreach (int d in dependents[i]) if (--waiting[d] == 0) ready.Enqueue(d, d);
        }
        if (order.Count < nodes.Count)
            throw CycleError(nodes, waiting, producer, file);
        return order;
    }

    private static ModelLoadException CycleError(IReadOnlyList<Node> nodes, int[] waiting, Dictionary<string, int> producer, string file)
    {
        // Walk back along unfinished producers from any blocked node; the first node met twice lies on a cycle.
        int current = Array.FindIndex(waiting, w => w > 0);
        var path = new List<int>();
        var index = new Dictionary<int, int>();
        while (!index.ContainsKey(current))
        {
            index[current] = path.Count;
            path.Add(current);
            current = nodes[current].Inputs
                .Where(n => n.Length > 0 && producer.TryGetValue(n, out int p) && waiting[p] > 0)
                .Select(n => producer[n]).First();
        }
        var cycle = path.Skip(index[current]).Reverse().Select(i => nodes[i].Name).ToList();
        cycle.Add(cycle[0]);
        return new ModelLoadException(file, nodes[current].Name, null,
            $"is part of a cycle ({string.Join(" -> ", cycle)}). A model graph must be acyclic: the file is corrupted or not an inference graph.");
    }
}
