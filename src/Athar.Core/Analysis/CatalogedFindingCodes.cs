namespace Athar.Core.Analysis;

/// <summary>
/// Finding codes whose data the catalog also indexes in tables of their own, because the gallery filters
/// and `items --json` need them for a million items at once. Their data fields are part of the contract:
/// <list type="bullet">
/// <item><see cref="NearDuplicateGroup"/>: <c>{"group": id, "representative": itemId, "distance": n}</c>.</item>
/// <item><see cref="CameraIdentity"/>: <c>{"camera": id, "label": text}</c>.</item>
/// </list>
/// </summary>
public static class CatalogedFindingCodes
{
    public const string NearDuplicateGroup = "duplicate.near-group";
    public const string CameraIdentity = "camera.identity";
}
