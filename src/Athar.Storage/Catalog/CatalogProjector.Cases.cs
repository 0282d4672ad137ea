using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Athar.Core.Custody;
using Microsoft.Data.Sqlite;

namespace Athar.Storage.Catalog;

/// <summary>
/// Case events into the cases and case_items tables. Every case event carries the resulting state of each case
/// it touches ({items, numbers, bestItem}), so projecting is replacing: no voting or ordering happens here, and
/// a rebuilt catalog is the same as the live one. A case that loses its items first, then the one that gains
/// them, so an item is never left in both.
/// </summary>
public sealed partial class ArchiveCatalog
{
    private void ApplyCase(CustodyEntry entry, SqliteTransaction transaction)
    {
        var d = entry.Details;
        var id = Text(entry.Subject, "case");
        switch (entry.Type)
        {
            case CustodyEventTypes.CaseMerged:
                if (Text(d, "from") is { } from) CloseCase(from, "merged", id, entry.Sequence, transaction);
                ApplyCaseState(id, d, entry.Sequence, transaction);
                break;
            case CustodyEventTypes.CaseSplit:
                ApplyCaseState(id, d, entry.Sequence, transaction);
                ApplyCaseState(Text(d, "newCase"), d["newState"] as JsonObject, entry.Sequence, transaction);
                break;
            case CustodyEventTypes.CaseItemMoved:
                if (Text(d, "from") is { } source)
                {
                    if (d["fromState"] is JsonObject left && left["items"] is JsonArray { Count: > 0 }) ApplyCaseState(source, left, entry.Sequence, transaction);
                    else CloseCase(source, "emptied", null, entry.Sequence, transaction);
                }
                ApplyCaseState(Text(d, "to"), d["toState"] as JsonObject, entry.Sequence, transaction);
                break;
            default:
                ApplyCaseState(id, d, entry.Sequence, transaction);
                break;
        }
    }

    private void ApplyCaseState(string? id, JsonObject? state, long seq, SqliteTransaction transaction)
    {
        if (id is null || state is null) return;
        var numbers = state["numbers"] as JsonObject ?? [];
        var statuses = new List<string>();
        var values = new List<(string, object?)> { ("$id", id), ("$best", Text(state, "bestItem")), ("$seq", seq) };
        foreach (var role in (string[])["detainee", "branch", "report"])
        {
            var number = numbers[role] as JsonObject ?? [];
            var status = Text(number, "status") ?? "machine-read";
            statuses.Add(status);
            values.Add(($"${role}", Text(number, "value")));
            values.Add(($"${role}Confidence", Real(number, "confidence")));
            values.Add(($"${role}Status", status));
        }
        values.Add(("$status", statuses.TrueForAll(s => s == "confirmed") ? "confirmed" : "machine-read"));
        Run(transaction, """
            INSERT INTO cases(id, state, merged_into, detainee, detainee_confidence, detainee_status, branch, branch_confidence, branch_status,
                              report, report_confidence, report_status, status, best_item, created_seq, updated_seq)
            VALUES ($id, 'open', NULL, $detainee, $detaineeConfidence, $detaineeStatus, $branch, $branchConfidence, $branchStatus,
                    $report, $reportConfidence, $reportStatus, $status, $best, $seq, $seq)
            ON CONFLICT(id) DO UPDATE SET state = 'open', merged_into = NULL, detainee = excluded.detainee,
                detainee_confidence = excluded.detainee_confidence, detainee_status = excluded.detainee_status, branch = excluded.branch,
                branch_confidence = excluded.branch_confidence, branch_status = excluded.branch_status, report = excluded.report,
                report_confidence = excluded.report_confidence, report_status = excluded.report_status, status = excluded.status,
                best_item = excluded.best_item, updated_seq = excluded.updated_seq
            """, [.. values]);
        Run(transaction, "DELETE FROM case_items WHERE case_id = $id", ("$id", id));
        if (state["items"] is not JsonArray items) return;
        var position = 0;
        foreach (var node in items)
        {
            if (node is not JsonValue v || !v.TryGetValue<string>(out var item)) continue;
            // OR REPLACE: an item is in one case at a time, whichever event placed it last.
            Run(transaction, "INSERT OR REPLACE INTO case_items(item_id, case_id, position) VALUES ($item, $case, $position)",
                ("$item", item), ("$case", id), ("$position", position++));
        }
    }

    private void CloseCase(string id, string state, string? mergedInto, long seq, SqliteTransaction transaction)
    {
        Run(transaction, "DELETE FROM case_items WHERE case_id = $id", ("$id", id));
        Run(transaction, "UPDATE cases SET state = $state, merged_into = $into, updated_seq = $seq WHERE id = $id",
            ("$id", id), ("$state", state), ("$into", mergedInto), ("$seq", seq));
    }

    private static double Real(JsonObject o, string name)
    {
        if (o[name] is not JsonValue v) return 0;
        if (v.TryGetValue<double>(out var d)) return d;
        if (v.TryGetValue<JsonElement>(out var e) && e.ValueKind == JsonValueKind.Number) return e.GetDouble();
        return double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var p) ? p : 0;
    }
}
