namespace Athar.Web;

/// <summary>Runs the web app on its own: <c>dotnet Athar.Web.dll --Athar:Archive DIR [--urls URL]</c>. `athar serve` is the usual way.</summary>
public static class Program
{
    public static void Main(string[] args)
    {
        var app = AtharWebApp.Build(args);
        if (app.Urls.Count == 0 && string.IsNullOrEmpty(app.Configuration["urls"])) app.Urls.Add("http://127.0.0.1:5080");
        app.Run();
    }
}
