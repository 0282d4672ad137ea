using Athar.Web.Cases;
using Athar.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Athar.Web.Pages.Cases;

/// <summary>Cases per month, per branch number and per camera, as SVG bar charts drawn here (<see cref="SvgBarChart"/>: labels are HTML-encoded).</summary>
[Authorize(Policy = Policies.Statistics)]
public sealed class StatisticsModel(CaseCatalog cases) : PageModel
{
    public CaseStatistics Stats { get; private set; } = CaseStatistics.From([]);
    public string MonthChart { get; private set; } = "";
    public string BranchChart { get; private set; } = "";
    public string CameraChart { get; private set; } = "";

    public void OnGet()
    {
        Stats = CaseStatistics.From(cases.All());
        MonthChart = SvgBarChart.Render("Cases per month", Stats.PerMonth);
        BranchChart = SvgBarChart.Render("Cases per branch number", Stats.PerBranch);
        CameraChart = SvgBarChart.Render("Cases per camera", Stats.PerCamera);
    }
}
