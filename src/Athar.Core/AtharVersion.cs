using System.Reflection;

namespace Athar.Core;

/// <summary>The tool version written into every provenance record and custody entry.</summary>
public static class AtharVersion
{
    public static string Current { get; } = "athar " + (typeof(AtharVersion).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0");
}
