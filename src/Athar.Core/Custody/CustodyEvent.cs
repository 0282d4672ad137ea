using System.Text.Json.Nodes;

namespace Athar.Core.Custody;

/// <summary>An event about to be appended; the ledger gives it its sequence number and time.</summary>
public sealed record CustodyEvent(string Type, string Actor, JsonObject Subject, JsonObject Details);
