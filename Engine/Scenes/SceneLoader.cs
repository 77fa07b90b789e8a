using System.Globalization;
using System.Numerics;
using System.Reflection;
using System.Text.Json;

namespace Vision.Engine.Scenes;

/// <summary>
/// Loads a scene from a small JSON file, so a component can be dropped into a scene by editing text:
/// <code>
/// { "name": "demo",
///   "objects": [
///     { "name": "Camera", "position": [0, 2, 6], "lookAt": [0, 0, 0],
///       "components": [ { "type": "Camera", "fieldOfView": 60 } ] },
///     { "name": "Cube", "parent": "Camera", "rotation": [0, 45, 0], "scale": [1, 1, 1], "active": true,
///       "components": [ { "type": "MeshRenderer", "shape": "Cube", "texturePath": "builtin:checker" } ] } ] }
/// </code>
/// Component "type" is a class name (or full name) found by reflection; the other keys set public fields or properties
/// (case-insensitive): numbers, bools, strings, enums by name, and arrays for vectors (rotation: Euler degrees).
/// Errors name the file and line. Comments and trailing commas are allowed.
/// </summary>
public static class SceneLoader
{
    public static Scene LoadFile(string path) => Load(File.ReadAllBytes(path), path);

    public static Scene Load(string json, string sourceName = "<scene>") => Load(System.Text.Encoding.UTF8.GetBytes(json), sourceName);

    public static Scene Load(byte[] utf8, string sourceName)
    {
        var parser = new Parser(utf8, sourceName);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            return parser.ReadScene(ref reader);
        }
        catch (JsonException e)
        {
            throw new SceneLoadException(sourceName, (int)(e.LineNumber ?? 0) + 1, $"invalid JSON: {e.Message}", e);
        }
    }

    private sealed class Parser(byte[] utf8, string source)
    {
        private readonly List<(GameObject Go, string Parent, int Line)> _parents = new();

        private int LineOf(in Utf8JsonReader r)
        {
            int line = 1;
            long end = Math.Min(r.TokenStartIndex, utf8.Length);
            for (long i = 0; i < end; i++)
                if (utf8[i] == (byte)'\n') line++;
            return line;
        }

        private SceneLoadException Error(in Utf8JsonReader r, string problem) => new(source, LineOf(r), problem);

        private void Expect(ref Utf8JsonReader r, JsonTokenType type, string what)
        {
            if (!r.Read() || r.TokenType != type) throw Error(r, $"expected {what}, found {r.TokenType}");
        }

        public Scene ReadScene(ref Utf8JsonReader r)
        {
            Expect(ref r, JsonTokenType.StartObject, "a scene object { \"objects\": [...] }");
            var scene = new Scene(Path.GetFileNameWithoutExtension(source));
            var objects = new List<GameObject>();
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                string key = r.GetString()!;
                switch (key.ToLowerInvariant())
                {
                    case "name":
                        Expect(ref r, JsonTokenType.String, "a string");
                        scene.Name = r.GetString()!;
                        break;
                    case "objects":
                        Expect(ref r, JsonTokenType.StartArray, "an array of objects");
                        while (r.Read() && r.TokenType != JsonTokenType.EndArray) objects.Add(ReadObject(ref r));
                        break;
                    default:
                        throw Error(r, $"unknown scene key '{key}' (known: name, objects)");
                }
            }
            // Parents are resolved after all objects are read, so a child may come before its parent in the file.
            var byName = new Dictionary<string, GameObject>();
            foreach (var go in objects) byName.TryAdd(go.Name, go);
            foreach (var (go, parent, line) in _parents)
            {
                if (!byName.TryGetValue(parent, out var p))
                    throw new SceneLoadException(source, line, $"object '{go.Name}' names parent '{parent}', which is not in the file");
                go.Transform.SetParent(p.Transform);
            }
            foreach (var go in objects)
                if (go.Transform.Parent == null) scene.Add(go);
            return scene;
        }

        private GameObject ReadObject(ref Utf8JsonReader r)
        {
            if (r.TokenType != JsonTokenType.StartObject) throw Error(r, "expected an object { \"name\": ..., \"components\": [...] }");
            var go = new GameObject();
            Vector3? lookAt = null;
            bool active = true;
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                string key = r.GetString()!;
                int line = LineOf(r);
                switch (key.ToLowerInvariant())
                {
                    case "name": Expect(ref r, JsonTokenType.String, "a string"); go.Name = r.GetString()!; break;
                    case "parent": Expect(ref r, JsonTokenType.String, "a parent object's name"); _parents.Add((go, r.GetString()!, line)); break;
                    case "active": r.Read(); active = (bool)ReadValue(ref r, typeof(bool), key); break;
                    case "position": r.Read(); go.Transform.Position = (Vector3)ReadValue(ref r, typeof(Vector3), key); break;
                    case "scale": r.Read(); go.Transform.Scale = (Vector3)ReadValue(ref r, typeof(Vector3), key); break;
                    case "rotation": r.Read(); go.Transform.Rotation = (Quaternion)ReadValue(ref r, typeof(Quaternion), key); break;
                    case "lookat": r.Read(); lookAt = (Vector3)ReadValue(ref r, typeof(Vector3), key); break;
                    case "components":
                        Expect(ref r, JsonTokenType.StartArray, "an array of components");
                        while (r.Read() && r.TokenType != JsonTokenType.EndArray) ReadComponent(ref r, go);
                        break;
                    default:
                        throw Error(r, $"unknown object key '{key}' (known: name, parent, active, position, rotation, scale, lookAt, components)");
                }
            }
            if (lookAt is { } target) go.Transform.LookAt(target);
            if (!active) go.SetActive(false);
            return go;
        }

        private void ReadComponent(ref Utf8JsonReader r, GameObject go)
        {
            if (r.TokenType != JsonTokenType.StartObject) throw Error(r, "expected a component { \"type\": \"Name\", ... }");
            int startLine = LineOf(r);
            // "type" must come first: the other keys are members of that type.
            if (!r.Read() || r.TokenType != JsonTokenType.PropertyName || !string.Equals(r.GetString(), "type", StringComparison.OrdinalIgnoreCase))
                throw new SceneLoadException(source, startLine, "a component must start with \"type\": \"ComponentName\"");
            Expect(ref r, JsonTokenType.String, "the component's type name");
            string typeName = r.GetString()!;
            var type = ComponentTypes.Resolve(typeName, out string? problem) ?? throw Error(r, problem!);
            var component = (Component)Activator.CreateInstance(type)!;
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                string key = r.GetString()!;
                var member = FindMember(type, key);
                if (member == null)
                    throw Error(r, $"component '{type.Name}' has no settable field or property '{key}' (settable: {string.Join(", ", SettableNames(type))})");
                r.Read();
                if (member is PropertyInfo p) p.SetValue(component, ReadValue(ref r, p.PropertyType, key));
                else ((FieldInfo)member).SetValue(component, ReadValue(ref r, ((FieldInfo)member).FieldType, key));
            }
            // Added after its settings are in place, so Awake already sees them when the object joins a scene.
            go.AddComponent(component);
        }

        private static MemberInfo? FindMember(Type type, string name)
        {
            const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase;
            var p = type.GetProperty(name, flags);
            if (p != null && p.CanWrite && p.SetMethod!.IsPublic) return p;
            var f = type.GetField(name, flags);
            return f != null && !f.IsInitOnly ? f : null;
        }

        private static IEnumerable<string> SettableNames(Type type) =>
            type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.SetMethod!.IsPublic && p.DeclaringType != typeof(Component) || p.Name == nameof(Component.Enabled)).Select(p => p.Name)
                .Concat(type.GetFields(BindingFlags.Public | BindingFlags.Instance).Where(f => !f.IsInitOnly).Select(f => f.Name));

        private object ReadValue(ref Utf8JsonReader r, Type type, string key)
        {
            var underlying = Nullable.GetUnderlyingType(type);
            if (underlying != null)
            {
                if (r.TokenType == JsonTokenType.Null) return null!;
                type = underlying;
            }
            try
            {
                if (type == typeof(string))
                    return r.TokenType == JsonTokenType.Null ? null! : r.TokenType == JsonTokenType.String ? r.GetString()! : throw Error(r, $"'{key}' wants a string");
                if (type == typeof(bool))
                    return r.TokenType is JsonTokenType.True or JsonTokenType.False ? r.GetBoolean() : throw Error(r, $"'{key}' wants true or false");
                if (type == typeof(float)) return (float)Number(ref r, key);
                if (type == typeof(double)) return Number(ref r, key);
                if (type == typeof(int))
                    return r.TokenType == JsonTokenType.Number && r.TryGetInt32(out int i) ? i : throw Error(r, $"'{key}' wants an integer");
                if (type == typeof(long))
                    return r.TokenType == JsonTokenType.Number && r.TryGetInt64(out long l) ? l : throw Error(r, $"'{key}' wants an integer");
                if (type.IsEnum)
                {
                    string? text = r.TokenType == JsonTokenType.String ? r.GetString() : null;
                    if (text != null && Enum.TryParse(type, text, ignoreCase: true, out var e) && Enum.IsDefined(type, e!)) return e!;
                    throw Error(r, $"'{key}' wants one of {string.Join(", ", Enum.GetNames(type))}");
                }
                if (type == typeof(Vector2)) { var v = Floats(ref r, key, 2, 2); return new Vector2(v[0], v[1]); }
                if (type == typeof(Vector3)) { var v = Floats(ref r, key, 3, 3); return new Vector3(v[0], v[1], v[2]); }
                if (type == typeof(Vector4)) { var v = Floats(ref r, key, 4, 4); return new Vector4(v[0], v[1], v[2], v[3]); }
                if (type == typeof(Quaternion))
                {
                    var v = Floats(ref r, key, 3, 4);
                    if (v.Length == 4) return Quaternion.Normalize(new Quaternion(v[0], v[1], v[2], v[3]));
                    const float ToRad = MathF.PI / 180f;
                    return Quaternion.CreateFromYawPitchRoll(v[1] * ToRad, v[0] * ToRad, v[2] * ToRad);
                }
            }
            catch (InvalidOperationException e)
            {
                throw Error(r, $"'{key}': {e.Message}");
            }
            throw Error(r, $"'{key}' is a {type.Name}, which a scene file cannot set (numbers, bools, strings, enums and vectors can be set)");
        }

        private double Number(ref Utf8JsonReader r, string key) =>
            r.TokenType == JsonTokenType.Number ? r.GetDouble() : throw Error(r, $"'{key}' wants a number");

        private float[] Floats(ref Utf8JsonReader r, string key, int min, int max)
        {
            string want = min == max ? $"{min}" : $"{min} or {max}";
            if (r.TokenType != JsonTokenType.StartArray) throw Error(r, $"'{key}' wants an array of {want} numbers");
            var values = new List<float>(max);
            while (r.Read() && r.TokenType != JsonTokenType.EndArray)
                values.Add((float)Number(ref r, key));
            if (values.Count < min || values.Count > max)
                throw Error(r, $"'{key}' wants {want} numbers, got {values.Count.ToString(CultureInfo.InvariantCulture)}");
            return values.ToArray();
        }
    }
}
