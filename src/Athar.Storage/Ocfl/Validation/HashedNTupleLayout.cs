using System.Text;
using System.Text.Json;

namespace Athar.Storage.Ocfl.Validation;

/// <summary>
/// Storage layout extension 0004-hashed-n-tuple-storage-layout (github.com/OCFL/extensions,
/// docs/0004-hashed-n-tuple-storage-layout.md): an object's id, UTF-8 encoded, is digested and written as
/// lowercase hex; the first numberOfTuples groups of tupleSize characters become nested directories, and
/// the object root is named with the whole digest (or only the unused remainder when shortObjectRoot).
/// Athar's archives use it with sha256 and the defaults.
/// </summary>
internal sealed class HashedNTupleLayout
{
    public const string ConfigFile = "config.json";

    private HashedNTupleLayout(string digestAlgorithm, int tupleSize, int numberOfTuples, bool shortObjectRoot)
    {
        DigestAlgorithm = digestAlgorithm;
        TupleSize = tupleSize;
        NumberOfTuples = numberOfTuples;
        ShortObjectRoot = shortObjectRoot;
    }

    public string DigestAlgorithm { get; }

    public int TupleSize { get; }

    public int NumberOfTuples { get; }

    public bool ShortObjectRoot { get; }

    /// <summary>The extension's defaults: sha256, 3 tuples of 3 characters, full digest as the object folder.</summary>
    public static HashedNTupleLayout Default { get; } = new(OcflDigestAlgorithms.Sha256, 3, 3, false);

    /// <summary>The object root path, '/'-separated and relative to the storage root, for <paramref name="id"/>.</summary>
    public string PathFor(string id)
    {
        var digest = OcflDigestAlgorithms.Create(DigestAlgorithm);
        digest.Append(Encoding.UTF8.GetBytes(id));
        var hex = digest.FinishHex();
        var path = new StringBuilder();
        for (var i = 0; i < NumberOfTuples; i++) path.Append(hex, i * TupleSize, TupleSize).Append('/');
        path.Append(ShortObjectRoot ? hex[(TupleSize * NumberOfTuples)..] : hex);
        return path.ToString();
    }

    /// <summary>
    /// Reads the extension's config.json bytes; returns null and sets <paramref name="problem"/> when the
    /// configuration breaks one of the extension's rules.
    /// </summary>
    public static HashedNTupleLayout? Parse(byte[] bytes, out string? problem)
    {
        problem = null;
        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 16, AllowDuplicateProperties = false });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = "must hold a JSON object";
                return null;
            }
            if (!root.TryGetProperty("extensionName", out var name) || name.ValueKind != JsonValueKind.String || name.GetString() != OcflExtensions.HashedNTupleStorageLayout)
            {
                problem = $"must have \"extensionName\": \"{OcflExtensions.HashedNTupleStorageLayout}\"";
                return null;
            }
            var algorithm = Default.DigestAlgorithm;
            if (root.TryGetProperty("digestAlgorithm", out var algorithmElement))
            {
                algorithm = algorithmElement.ValueKind == JsonValueKind.String ? algorithmElement.GetString()! : "";
                if (!OcflDigestAlgorithms.CanCompute(algorithm) || algorithm == "size")
                {
                    problem = $"digestAlgorithm \"{algorithm}\" is not a digest algorithm this validator can apply";
                    return null;
                }
            }
            if (!TryReadInt(root, "tupleSize", Default.TupleSize, out var tupleSize, ref problem) ||
                !TryReadInt(root, "numberOfTuples", Default.NumberOfTuples, out var numberOfTuples, ref problem))
            {
                return null;
            }
            var shortObjectRoot = false;
            if (root.TryGetProperty("shortObjectRoot", out var shortElement))
            {
                if (shortElement.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    problem = "shortObjectRoot must be true or false";
                    return null;
                }
                shortObjectRoot = shortElement.GetBoolean();
            }
            var hexLength = PathLengthOf(algorithm);
            if ((tupleSize == 0) != (numberOfTuples == 0))
            {
                problem = "tupleSize and numberOfTuples must both be 0 when either is";
                return null;
            }
            if (tupleSize * numberOfTuples > hexLength)
            {
                problem = $"tupleSize times numberOfTuples ({tupleSize * numberOfTuples}) exceeds the {hexLength} hex digits of {algorithm}";
                return null;
            }
            if (shortObjectRoot && tupleSize * numberOfTuples == hexLength)
            {
                problem = "shortObjectRoot must be false when the tuples use the whole digest";
                return null;
            }
            return new HashedNTupleLayout(algorithm, tupleSize, numberOfTuples, shortObjectRoot);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            problem = $"is not valid JSON text ({e.Message})";
            return null;
        }
    }

    private static int PathLengthOf(string algorithm)
    {
        var digest = OcflDigestAlgorithms.Create(algorithm);
        return digest.FinishHex().Length;
    }

    // Both sizes are integers from 0 to 32 (the extension's "Parameters" section).
    private static bool TryReadInt(JsonElement root, string key, int fallback, out int value, ref string? problem)
    {
        value = fallback;
        if (!root.TryGetProperty(key, out var element)) return true;
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out value) || value < 0 || value > 32)
        {
            problem = $"{key} must be an integer from 0 to 32";
            return false;
        }
        return true;
    }
}
