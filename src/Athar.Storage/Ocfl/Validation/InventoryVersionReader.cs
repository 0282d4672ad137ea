using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Athar.Storage.Ocfl.Validation;

/// <summary>The versions block of an inventory (OCFL 1.1 section 3.5.3) and each version in it (3.5.3.1).</summary>
internal static partial class InventoryVersionReader
{
    private static readonly HashSet<string> VersionKeys = new(StringComparer.Ordinal) { "created", "state", "message", "user" };

    public static void ReadVersions(JsonElement root, Inventory inventory, ValidationLog log)
    {
        var file = inventory.File;
        if (!root.TryGetProperty("versions", out var versions))
        {
            log.Error("E043", file, "has no versions block.");
            return;
        }
        if (versions.ValueKind != JsonValueKind.Object)
        {
            log.Error("E044", file, $"versions must be a JSON object but is a {InventoryReader.Describe(versions)}.");
            return;
        }
        var names = new List<string>();
        foreach (var property in versions.EnumerateObject()) names.Add(property.Name);
        if (names.Count == 0)
        {
            log.Error("E008", file, "versions block is empty; an object has at least one version.");
            return;
        }
        foreach (var (name, number) in VersionNaming.CheckSequence(names, log, file))
        {
            var version = new InventoryVersion { Name = name, Number = number };
            ReadVersion(versions.GetProperty(name), version, log, file);
            inventory.AddVersion(version);
        }
    }

    private static void ReadVersion(JsonElement element, InventoryVersion version, ValidationLog log, string file)
    {
        var where = $"version {version.Name}";
        if (element.ValueKind != JsonValueKind.Object)
        {
            log.Error("E047", file, $"{where} must be a JSON object but is a {InventoryReader.Describe(element)}.");
            return;
        }

        if (!element.TryGetProperty("created", out var created))
        {
            log.Error("E048", file, $"{where} has no created date.");
        }
        else if (created.ValueKind != JsonValueKind.String || !IsRfc3339(created.GetString()!))
        {
            var shown = created.ValueKind == JsonValueKind.String ? "\"" + created.GetString() + "\"" : "a " + InventoryReader.Describe(created);
            log.Error("E049", file, $"{where} created is {shown}, not an RFC 3339 date-time with seconds and a time zone.");
        }
        else
        {
            version.Created = created.GetString();
        }

        if (!element.TryGetProperty("state", out var state)) log.Error("E048", file, $"{where} has no state block.");
        else ReadState(state, version, log, file, where);

        var hasMessage = element.TryGetProperty("message", out var message);
        if (hasMessage)
        {
            if (message.ValueKind == JsonValueKind.String) version.Message = message.GetString();
            else log.Error("E094", file, $"{where} message must be a string but is a {InventoryReader.Describe(message)}.");
        }

        var hasUser = element.TryGetProperty("user", out var user);
        if (hasUser) ReadUser(user, version, log, file, where);
        if (!hasMessage || !hasUser)
        {
            log.Warning("W007", file, $"{where} has no {(hasMessage ? "user" : hasUser ? "message" : "message or user")}.");
        }

        foreach (var property in element.EnumerateObject())
        {
            if (!VersionKeys.Contains(property.Name))
            {
                log.Error("E102", file, $"{where} has the key \"{property.Name}\", which the specification does not define.");
            }
        }
    }

    // Section 3.5.3.1: state maps digests to logical paths; paths follow E052/E053 and are unique (E095).
    private static void ReadState(JsonElement state, InventoryVersion version, ValidationLog log, string file, string where)
    {
        if (state.ValueKind != JsonValueKind.Object)
        {
            log.Error("E050", file, $"{where} state must be a JSON object of digests but is a {InventoryReader.Describe(state)}.");
            return;
        }
        var entries = new List<(string Digest, string Path)>();
        foreach (var entry in state.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.Array)
            {
                log.Error("E050", file, $"{where} state digest {entry.Name} must map to an array of logical paths but maps to a {InventoryReader.Describe(entry.Value)}.");
                continue;
            }
            foreach (var item in entry.Value.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String) entries.Add((entry.Name, item.GetString()!));
                else log.Error("E051", file, $"{where} state digest {entry.Name} lists a {InventoryReader.Describe(item)} where a logical path belongs.");
            }
        }
        var allPaths = entries.Select(e => e.Path).ToList();
        var malformed = OcflPaths.FindMalformed(allPaths, OcflPaths.Logical, log, file, where + " state");
        OcflPaths.CheckUniqueAndNonConflicting(allPaths.Where(p => !malformed.Contains(p)), OcflPaths.Logical, log, file, where + " state");
        foreach (var (digest, path) in entries)
        {
            if (!malformed.Contains(path)) version.State.TryAdd(path, digest);
        }
    }

    // Section 3.5.3.1: user has a name (E054) and should have an address (W008) that is a URI (W009).
    private static void ReadUser(JsonElement user, InventoryVersion version, ValidationLog log, string file, string where)
    {
        if (user.ValueKind != JsonValueKind.Object)
        {
            log.Error("E054", file, $"{where} user must be a JSON object with a name but is a {InventoryReader.Describe(user)}.");
            return;
        }
        if (!user.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
        {
            log.Error("E054", file, $"{where} user has no name string.");
        }
        else
        {
            version.UserName = name.GetString();
        }
        if (!user.TryGetProperty("address", out var address))
        {
            log.Warning("W008", file, $"{where} user has no address.");
        }
        else if (address.ValueKind != JsonValueKind.String || !InventoryReader.LooksLikeUri(address.GetString()!))
        {
            log.Warning("W009", file, $"{where} user address is not a URI (a mailto: address or a URL such as an ORCID iD).");
        }
        else
        {
            version.UserAddress = address.GetString();
        }
    }

    /// <summary>RFC 3339 section 5.6 date-time: full date, "T", time to the second, optional fraction, zone.</summary>
    internal static bool IsRfc3339(string value)
    {
        var match = DateTimePattern().Match(value);
        if (!match.Success) return false;
        int Part(string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);
        var month = Part("month");
        var day = Part("day");
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(1, Part("year")), month)) return false;
        // Second 60 is allowed for leap seconds (RFC 3339 section 5.7).
        if (Part("hour") > 23 || Part("minute") > 59 || Part("second") > 60) return false;
        if (match.Groups["zoneHour"].Success && (Part("zoneHour") > 23 || Part("zoneMinute") > 59)) return false;
        return true;
    }

    [GeneratedRegex(@"^(?<year>[0-9]{4})-(?<month>[0-9]{2})-(?<day>[0-9]{2})[Tt](?<hour>[0-9]{2}):(?<minute>[0-9]{2}):(?<second>[0-9]{2})(\.[0-9]+)?([Zz]|[+-](?<zoneHour>[0-9]{2}):(?<zoneMinute>[0-9]{2}))$", RegexOptions.CultureInvariant)]
    private static partial Regex DateTimePattern();
}
