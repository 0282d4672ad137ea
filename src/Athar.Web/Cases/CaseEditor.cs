using Athar.Cases.Editing;
using Athar.Cases.Model;
using Athar.Core.Custody;
using Athar.Storage;
using Athar.Web.Audit;

namespace Athar.Web.Cases;

/// <summary>
/// Case changes made in the web app, each through the case model's own <see cref="CaseBook"/> (which checks the
/// request against the cases as they stand and records the custody event), on the archive opened for writing by
/// the <see cref="AuditRecorder"/> (same lock, retries and 503). The actor is <c>web:NAME</c>. A refused edit throws
/// <see cref="CaseEditException"/> and records nothing.
/// </summary>
public sealed class CaseEditor(AuditRecorder recorder)
{
    public Task<VictimCase> ConfirmAsync(string actor, string caseId, string detainee, string branch, string report, CancellationToken cancel) =>
        recorder.WithArchiveAsync(archive => Book(archive, actor).Confirm(caseId, detainee.Trim(), branch.Trim(), report.Trim()), cancel);

    public Task<VictimCase> MergeAsync(string actor, string into, string from, CancellationToken cancel) =>
        recorder.WithArchiveAsync(archive => Book(archive, actor).Merge(into, from), cancel);

    public Task<(VictimCase Kept, VictimCase Split)> SplitAsync(string actor, string caseId, string item, CancellationToken cancel) =>
        recorder.WithArchiveAsync(archive => Book(archive, actor).Split(caseId, item), cancel);

    public Task<(VictimCase? From, VictimCase To)> MoveAsync(string actor, string item, string toCase, CancellationToken cancel) =>
        recorder.WithArchiveAsync(archive => Book(archive, actor).Move(item, toCase), cancel);

    /// <summary>Records annotation events (or any other case events built by the caller).</summary>
    public Task RecordAsync(IReadOnlyList<CustodyEvent> events, CancellationToken cancel) => recorder.RecordAsync(events, cancel);

    private static CaseBook Book(AtharArchive archive, string actor) => new(new ArchiveCaseStore(archive), actor);
}
