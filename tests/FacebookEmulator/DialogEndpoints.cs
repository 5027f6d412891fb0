using System.Text;
using System.Text.RegularExpressions;

namespace FacebookEmulator;

/// <summary>The login dialog: GET /{ver}/dialog/oauth and POST /{ver}/dialog/oauth/confirm.</summary>
internal static partial class DialogEndpoints
{
    private static readonly TimeSpan s_dialogLifetime = TimeSpan.FromHours(1);

    private static readonly string[] s_configScopes = { "whatsapp_business_management", "whatsapp_business_messaging" };

    public static async Task ShowAsync(HttpContext context)
    {
        EmulatorState state = context.GetState();
        IQueryCollection query = context.Request.Query;
        string? clientId = NonEmpty(query["client_id"]);
        string? redirectUri = NonEmpty(query["redirect_uri"]);

        EmulatorApp? app = state.FindApp(clientId);
        if (app is null)
        {
            await WriteHtmlAsync(context, DialogPages.InvalidAppId(clientId));
            return;
        }

        if (redirectUri is null || !app.AllowsRedirectUri(redirectUri))
        {
            await WriteHtmlAsync(context, DialogPages.CantLoadUrl(redirectUri));
            return;
        }

        string? codeChallenge = NonEmpty(query["code_challenge"]);
        string? method = null;
        if (codeChallenge is not null)
        {
            method = NonEmpty(query["code_challenge_method"]) ?? "plain";
            if (method is not ("S256" or "plain"))
            {
                await WriteHtmlAsync(context, DialogPages.Problem("Invalid code_challenge_method: " + method));
                return;
            }
        }

        var scopes = (NonEmpty(query["scope"]) ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (scopes.Count == 0 && NonEmpty(query["config_id"]) is not null)
        {
            // A Facebook Login for Business configuration carries its own permissions.
            scopes.AddRange(s_configScopes);
        }

        if (scopes.Count == 0)
        {
            scopes.Add("public_profile");
        }

        var dialog = new PendingDialog(
            RandomTokens.NewDialogId(),
            context.GetGraphVersion() ?? "v25.0",
            app.AppId,
            redirectUri,
            NonEmpty(query["state"]),
            scopes,
            NonEmpty(query["response_type"]) ?? "code",
            codeChallenge,
            method,
            state.Now + s_dialogLifetime);

        AutoApproveMode auto = state.Settings.AutoApprove;
        if (auto != AutoApproveMode.None)
        {
            Redirect(context, auto == AutoApproveMode.Cancel ? BuildCancelRedirect(dialog) : BuildRedirect(state, dialog, auto == AutoApproveMode.Approve, Granted(state, dialog, declined: null)));
            return;
        }

        state.AddDialog(dialog);
        await WriteHtmlAsync(
            context,
            DialogPages.Consent(dialog.Version, app.Name, state.Options.UserName, scopes, dialog.Id));
    }

    public static async Task ConfirmAsync(HttpContext context)
    {
        EmulatorState state = context.GetState();
        if (!context.Request.HasFormContentType)
        {
            await WriteHtmlAsync(context, DialogPages.Problem("The dialog answer must be a form post."));
            return;
        }

        IFormCollection form = await context.Request.ReadFormAsync(context.RequestAborted);
        string decision = form["decision"].ToString();
        if (decision is not ("continue" or "cancel"))
        {
            await WriteHtmlAsync(context, DialogPages.Problem("Press Continue or Cancel."));
            return;
        }

        PendingDialog? dialog = state.TakeDialog(form[DialogPages.PendingIdField].ToString());
        if (dialog is null)
        {
            await WriteHtmlAsync(context, DialogPages.Problem("This login dialog has expired or was already answered. Please start again."));
            return;
        }

        Redirect(context, BuildRedirect(state, dialog, decision == "continue", Granted(state, dialog, form[DialogPages.DeclineField])));
    }

    /// <summary>What the user granted: the requested permissions less those declined in the settings or on the page.</summary>
    internal static IReadOnlyList<string> Granted(EmulatorState state, PendingDialog dialog, IEnumerable<string?>? declined)
    {
        var refused = new HashSet<string>(state.Settings.DeclinedScopes, StringComparer.Ordinal);
        foreach (string? scope in declined ?? Enumerable.Empty<string?>())
        {
            if (!string.IsNullOrEmpty(scope))
            {
                refused.Add(scope);
            }
        }

        return dialog.Scopes.Where(scope => !refused.Contains(scope)).ToList();
    }

    /// <summary>
    /// The redirect Facebook sends after the user's decision: results in the query (code) or the
    /// fragment (token, "code token"); a query redirect ends with Facebook's "#_=_".
    /// </summary>
    internal static string BuildCancelRedirect(PendingDialog dialog)
    {
        char separator = dialog.RedirectUri.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        var parameters = new StringBuilder("error_code=4201&error_message=User+canceled+the+Dialog+flow");
        AppendState(parameters, dialog.State);
        return dialog.RedirectUri + separator + parameters + "#_=_";
    }

    internal static string BuildRedirect(EmulatorState state, PendingDialog dialog, bool approved, IReadOnlyList<string> granted)
    {
        char separator = dialog.RedirectUri.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        var parameters = new StringBuilder();
        if (!approved)
        {
            parameters.Append("error=access_denied&error_code=200&error_description=Permissions+error.&error_reason=user_denied");
            AppendState(parameters, dialog.State);
            return dialog.RedirectUri + separator + parameters + "#_=_";
        }

        string[] responseTypes = ResponseTypeSeparators().Split(dialog.ResponseType);
        bool wantsToken = responseTypes.Contains("token", StringComparer.Ordinal);
        bool wantsCode = responseTypes.Contains("code", StringComparer.Ordinal) || !wantsToken;
        bool wantsGrantedScopes = responseTypes.Contains("granted_scopes", StringComparer.Ordinal);

        if (wantsToken)
        {
            DateTimeOffset now = state.Now;
            EmulatorToken token = state.IssueToken(
                dialog.AppId,
                TokenKind.ShortLivedUser,
                now,
                now + state.Options.ShortLivedLifetime,
                granted,
                state.Options.UserId);
            Append(parameters, "access_token", token.Value);
            Append(parameters, "data_access_expiration_time", FacebookTime.ToUnix(token.DataAccessExpiresAt).ToString(System.Globalization.CultureInfo.InvariantCulture));
            Append(parameters, "expires_in", ((long)state.Options.ShortLivedLifetime.TotalSeconds - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (wantsCode)
        {
            string code = state.MintCode(
                dialog.AppId,
                dialog.RedirectUri,
                granted,
                dialog.CodeChallenge,
                codeChallengeMethod: dialog.CodeChallengeMethod);
            Append(parameters, "code", code);
        }

        if (wantsGrantedScopes)
        {
            if (parameters.Length > 0)
            {
                parameters.Append('&');
            }

            parameters.Append("granted_scopes=").Append(string.Join(',', granted.Select(Uri.EscapeDataString)));
            string[] denied = dialog.Scopes.Except(granted, StringComparer.Ordinal).ToArray();
            if (denied.Length > 0)
            {
                parameters.Append("&denied_scopes=").Append(string.Join(',', denied.Select(Uri.EscapeDataString)));
            }
        }

        AppendState(parameters, dialog.State);
        return wantsToken
            ? dialog.RedirectUri + "#" + parameters
            : dialog.RedirectUri + separator + parameters + "#_=_";
    }

    private static void AppendState(StringBuilder parameters, string? state)
    {
        if (state is not null)
        {
            Append(parameters, "state", state);
        }
    }

    private static void Append(StringBuilder parameters, string name, string value)
    {
        if (parameters.Length > 0)
        {
            parameters.Append('&');
        }

        parameters.Append(name).Append('=').Append(Uri.EscapeDataString(value));
    }

    private static void Redirect(HttpContext context, string location)
    {
        context.Response.StatusCode = StatusCodes.Status302Found;
        context.Response.Headers.Location = location;
        context.Response.Headers.CacheControl = "private, no-cache, no-store, must-revalidate";
        context.Response.ContentLength = 0;
    }

    private static async Task WriteHtmlAsync(HttpContext context, string html)
    {
        // Facebook answers its dialog errors with HTTP 200 and an HTML page, never with a redirect.
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "private, no-cache, no-store, must-revalidate";
        byte[] bytes = Encoding.UTF8.GetBytes(html);
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    private static string? NonEmpty(Microsoft.Extensions.Primitives.StringValues values)
    {
        string? value = values.Count > 0 ? values[0] : null;
        return string.IsNullOrEmpty(value) ? null : value;
    }

    [GeneratedRegex(@"[\s,+]+", RegexOptions.CultureInvariant)]
    private static partial Regex ResponseTypeSeparators();
}
