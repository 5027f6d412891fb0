namespace FacebookEmulator;

/// <summary>What the login dialog does when it is opened.</summary>
public enum AutoApproveMode
{
    /// <summary>Show the login and consent page and wait for the user to press a button.</summary>
    None,

    /// <summary>Redirect at once as if the user pressed "Continue".</summary>
    Approve,

    /// <summary>Redirect at once as if the user pressed "Cancel".</summary>
    Deny,

    /// <summary>Cancel the dialog the other way Facebook does: error_code 4201 and error_message, no error parameter (passport-facebook handles it).</summary>
    Cancel,
}
