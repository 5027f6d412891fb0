namespace FacebookEmulator;

/// <summary>
/// The errors of the system-user endpoints. Codes from Meta's reference of the system-user token edge (3962 for a
/// permission that does not exist, 200 for a permissions error); the required-parameter wording is Graph's usual
/// "(#100) The parameter X is required".
/// </summary>
internal static class SystemUserErrors
{
    public static GraphError ParameterRequired(string name) =>
        new(400, 100, "(#100) The parameter " + name + " is required");

    /// <summary>A POST to an id that does not exist or is not reachable with the token (100/33).</summary>
    public static GraphError UnknownObjectForPost(string id) =>
        new(400, 100, "Unsupported post request. Object with ID '" + id + "' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api")
        {
            Subcode = 33,
        };

    public static GraphError InvalidScope(string scope) =>
        new(400, 3962, "(#3962) Provided permission is not valid. Check your spelling and syntax.")
        {
            UserTitle = "Invalid Permission",
            UserMessage = "The permission " + scope + " does not exist.",
        };

    /// <summary>The app is not installed for the system user, or belongs to no business the token may act for.</summary>
    public static GraphError PermissionsError() => GraphErrors.PermissionDenied(200);

    public static GraphError InvalidBusinessApp(string appId) =>
        new(400, 100, "(#100) Param business_app must be a valid app ID; '" + appId + "' is not one.");

    /// <summary>
    /// A never-expiring token asked of a business that allows only expiring ones. Meta's page says only that it "results in
    /// an error"; no real answer is on record, so this is Graph's usual invalid-parameter shape (400, OAuthException,
    /// code 100, no subcode) with a message of the emulator's own.
    /// </summary>
    public static GraphError ExpiringTokensRequired(string businessId) =>
        new(400, 100, "(#100) Business " + businessId + " allows only expiring system user access tokens: set set_token_expires_in_60_days to true.");
}
