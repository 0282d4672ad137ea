namespace Athar.Storage.Ocfl.Validation;

/// <summary>
/// The OCFL community extensions registered at https://ocfl.io/extensions/ (github.com/OCFL/extensions,
/// docs/0001 to 0012). Unregistered names are warnings (W013 in objects, W016 in storage roots).
/// </summary>
internal static class OcflExtensions
{
    public const string HashedNTupleStorageLayout = "0004-hashed-n-tuple-storage-layout";

    private static readonly HashSet<string> Registered = new(StringComparer.Ordinal)
    {
        "0001-digest-algorithms",
        "0002-flat-direct-storage-layout",
        "0003-hash-and-id-n-tuple-storage-layout",
        HashedNTupleStorageLayout,
        "0005-mutable-head",
        "0006-flat-omit-prefix-storage-layout",
        "0007-n-tuple-omit-prefix-storage-layout",
        "0008-schema-registry",
        "0009-digest-algorithms",
        "0010-differential-n-tuple-omit-prefix-storage-layout",
        "0011-direct-clean-path-layout",
        "0012-hash-and-no-prefix-id-n-tuple-storage-layout",
    };

    public static bool IsRegistered(string name) => Registered.Contains(name);
}
