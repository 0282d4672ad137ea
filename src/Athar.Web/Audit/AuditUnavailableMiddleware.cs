namespace Athar.Web.Audit;

/// <summary>Answers 503 when an action could not be audited (see <see cref="AuditRecorder"/>).</summary>
public sealed class AuditUnavailableMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (AuditUnavailableException e) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "5";
            await context.Response.WriteAsync(e.Message);
        }
    }
}
