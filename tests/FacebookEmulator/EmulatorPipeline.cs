namespace FacebookEmulator;

/// <summary>Middleware order and routes of the emulator.</summary>
internal static class EmulatorPipeline
{
    public static void Configure(WebApplication app)
    {
        app.UseHostFiltering();
        app.Use(VersionAndLogMiddleware.InvokeAsync);
        app.Use(FaultMiddleware.InvokeAsync);

        // Routing must run after the version prefix has been stripped from the path.
        app.UseRouting();

        ControlEndpoints.Map(app);
        WhatsAppMessagingControl.Map(app);
        WhatsAppMessagingEndpoints.Map(app);

        app.MapGet("/dialog/oauth", DialogEndpoints.ShowAsync);
        app.MapPost("/dialog/oauth/confirm", DialogEndpoints.ConfirmAsync);

        string[] getOrPost = { HttpMethods.Get, HttpMethods.Post };
        app.MapMethods("/oauth/access_token", getOrPost, TokenEndpoint.HandleAsync);
        app.MapMethods("/debug_token", getOrPost, DebugTokenEndpoint.HandleAsync);
        app.MapGet("/{node}", UserEndpoints.GetNodeAsync);
        app.MapGet("/{node}/accounts", UserEndpoints.GetAccountsAsync);
        app.MapDelete("/{node}/permissions", UserEndpoints.DeletePermissionsAsync);
        WhatsAppEndpoints.Map(app);
        WhatsAppControlEndpoints.Map(app);
        SystemUserEndpoints.Map(app);

        app.MapFallback(UnknownPathAsync);
    }

    private static Task UnknownPathAsync(HttpContext context) =>
        GraphResponses.WriteErrorAsync(context, GraphErrors.UnknownPath(context.Request.Path.Value ?? "/"));
}
