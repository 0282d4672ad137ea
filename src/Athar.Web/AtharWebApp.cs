using System.Net;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Athar.Storage;
using Athar.Web.Accounts;
using Athar.Web.Audit;
using Athar.Web.Catalog;
using Athar.Web.Derivatives;
using Athar.Web.Endpoints;
using Athar.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Athar.Web;

/// <summary>Composes the review web app: services, the security pipeline, pages and endpoints.</summary>
public static class AtharWebApp
{
    public const string LoginRateLimiterPolicy = "login";

    /// <summary>Builds the app. The archive comes from configuration key <c>Athar:Archive</c> (or <paramref name="archive"/>).</summary>
    public static WebApplication Build(string[] args, string? archive = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(AtharWebApp).Assembly.GetName().Name,
        });
        if (archive is not null) builder.Configuration["Athar:Archive"] = archive;
        builder.WebHost.UseKestrel(k => k.AddServerHeader = false);
        // Request logs would name every item looked at; the ledger is where that belongs.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        AddServices(builder.Services, builder.Configuration);
        var app = builder.Build();
        Configure(app);
        return app;
    }

    public static void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AtharWebOptions>().Bind(configuration.GetSection(AtharWebOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.Archive), "Athar:Archive (the archive folder) is required")
            .Validate(o => new ArchiveLayout(o.Archive).LooksLikeArchive, "Athar:Archive does not name an archive (run 'athar init')");
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<AtharWebOptions>>().Value;
            return new AccountStore(o.AccountsPath, sp.GetRequiredService<TimeProvider>(), o.PasswordIterations);
        });
        services.AddSingleton<AuditRecorder>();
        // Cookie and antiforgery keys live with the archive (keys/web, owner-only), not in the user's profile,
        // so that they go where the archive goes and a restart does not sign everyone out.
        services.AddDataProtection().SetApplicationName("athar-web");
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<AtharWebOptions>>((keys, web) =>
            keys.XmlRepository = new FileSystemXmlRepository(WebKeysFolder(web.Value.Archive), NullLoggerFactory.Instance));
        services.AddSingleton<LedgerIndex>();
        services.AddSingleton<WebCatalog>();
        services.AddSingleton<GalleryIndex>();
        services.AddSingleton<DerivativeStore>();
        services.AddSingleton<RevealGrants>();
        services.AddSingleton<ItemInspector>();
        services.AddSingleton<ItemProofs>();
        AddCaseServices(services);

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.Cookie.Name = "athar.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/login";
            o.LogoutPath = "/logout";
            o.AccessDeniedPath = "/denied";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // A deleted account, a changed role or an admin's lock ends existing sessions at their next request.
            // (The short lockout after failed sign-ins does not: anyone could trigger it by guessing.)
            o.Events.OnValidatePrincipal = async context =>
            {
                var accounts = context.HttpContext.RequestServices.GetRequiredService<AccountStore>();
                var name = context.Principal?.Identity?.Name;
                var role = context.Principal?.FindFirstValue(ClaimTypes.Role);
                if (name is null || accounts.Find(name) is not { } account || account.Role != role || account.LockedByAdmin)
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                }
            };
        });
        services.AddAuthorization(Policies.Add);
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "athar.af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(LoginRateLimiterPolicy, context =>
            {
                // Only sign-in attempts (POST) count; showing the form does not.
                if (!HttpMethods.IsPost(context.Request.Method)) return RateLimitPartition.GetNoLimiter("get");
                var perMinute = context.RequestServices.GetRequiredService<IOptions<AtharWebOptions>>().Value.LoginAttemptsPerAddressPerMinute;
                var address = context.Connection.RemoteIpAddress ?? IPAddress.None;
                return RateLimitPartition.GetFixedWindowLimiter("ip:" + address, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = perMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
        });
        services.AddSingleton<LoginNameLimiter>();
        services.AddRazorPages().AddApplicationPart(typeof(AtharWebApp).Assembly);
    }

    /// <summary>Victim cases and families (docs/web.md, "Cases" and "Families").</summary>
    private static void AddCaseServices(IServiceCollection services)
    {
        services.AddSingleton<Cases.CaseCatalog>();
        services.AddSingleton<Cases.CardCrops>();
        services.AddSingleton<Cases.FaceCrops>();
        services.AddSingleton<Cases.CaseSigns>();
        services.AddSingleton<Cases.CaseEditor>();
        services.AddSingleton<Cases.ClaimStore>();
    }

    private static DirectoryInfo WebKeysFolder(string archive)
    {
        var folder = Path.Combine(new ArchiveLayout(archive).Keys, "web");
        if (!Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return new DirectoryInfo(folder);
    }

    public static void Configure(WebApplication app)
    {
        app.UseAtharSecurityHeaders();
        app.UseMiddleware<AuditUnavailableMiddleware>();
        app.UseStatusCodePages();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();
        app.MapAtharAssets();
        app.MapAtharItems();
        Cases.CaseEndpoints.MapAtharCases(app);
        app.MapRazorPages();
    }
}
