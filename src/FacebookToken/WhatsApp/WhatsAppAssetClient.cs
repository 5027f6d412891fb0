using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using FacebookToken.Diagnostics;
using FacebookToken.Json;
using FacebookToken.Secrets;

namespace FacebookToken;

/// <summary>
/// Reads WhatsApp Business Management objects with a user or system-user token: a WABA or phone number by id, a WABA's
/// phone numbers, a business's owned and client WABAs. Every call carries appsecret_proof when the app secret is given.
/// </summary>
/// <remarks>Thread safe; holds no secret between calls.</remarks>
internal sealed class WhatsAppAssetClient : GraphClientBase
{
    /// <summary>The permissions whose granular_scopes target_ids are WhatsApp Business Account ids.</summary>
    internal static readonly string[] WhatsAppScopes = { "whatsapp_business_management", "whatsapp_business_messaging" };

    private const string PhoneFields = "id,display_phone_number,verified_name,quality_rating";

    // Paging stops here whatever Facebook says: a server that always answers "next" must not loop forever.
    private const int MaxPages = 100;

    public WhatsAppAssetClient(FacebookEndpoint endpoint, IFacebookLog? log = null)
        : base(endpoint, log)
    {
    }

    /// <summary>Test seam: a chosen transport, retry policy and clock.</summary>
    internal WhatsAppAssetClient(FacebookEndpoint endpoint, IFacebookLog log, GraphHttp http, RetryPolicy retry, Func<DateTimeOffset> clock)
        : base(endpoint, log, http, retry, clock)
    {
    }

    /// <summary>
    /// True for the errors that mean "this token does not reach that object": code 100 subcode 33, code 10 and
    /// 200-299 (permissions). Anything else (an invalid token, a missing appsecret_proof, throttling) is not about the object.
    /// </summary>
    public static bool IsNotReachable(FacebookApiException ex) =>
        (ex.Code == 100 && ex.Subcode == 33) || ex.Code == 10 || ex.Code is >= 200 and <= 299;

    /// <summary>Refuses an id that is not a Graph object id (digits only), so no input can change the request's path.</summary>
    public static string ValidateId(string? id, string parameterName)
    {
        string value = (id ?? string.Empty).Trim();
        if (value.Length == 0 || value.Length > 32 || !value.All(c => c >= '0' && c <= '9'))
        {
            throw new FacebookInputException(
                "InvalidWhatsAppId",
                parameterName,
                "'" + (value.Length > 40 ? value.Substring(0, 40) + "…" : value) + "' is not a Graph object id. Give the numeric id shown in WhatsApp Manager (e.g. 102290129340398), or list them with Get-FacebookWhatsAppAccount.");
        }

        return value;
    }

    /// <summary>GET /{id}?fields=... with the token.</summary>
    public Task<JsonObject> ReadAsync(CheckedSecret token, CheckedSecret? appSecret, string id, string fields, CancellationToken cancellationToken)
    {
        GraphRequest request = NewRequest(token, appSecret, ValidateId(id, "Id")).AddQuery("fields", fields);
        return Caller.CallAsync(request, cancellationToken);
    }

    /// <summary>Every item of a Graph list edge, following the after cursor while Facebook gives a next page.</summary>
    public async Task<List<JsonObject>> ListAsync(CheckedSecret token, CheckedSecret? appSecret, string id, string edge, string fields, CancellationToken cancellationToken)
    {
        string path = ValidateId(id, "Id") + "/" + edge;
        var items = new List<JsonObject>();
        string? after = null;
        for (int page = 0; page < MaxPages; page++)
        {
            GraphRequest request = NewRequest(token, appSecret, path).AddQuery("fields", fields);
            if (after != null)
            {
                request.AddQuery("after", after);
            }

            JsonObject answer = await Caller.CallAsync(request, cancellationToken).ConfigureAwait(false);
            foreach (object? item in answer.GetArray("data") ?? new List<object?>())
            {
                if (item is JsonObject o)
                {
                    items.Add(o);
                }
            }

            JsonObject? paging = answer.GetObject("paging");
            after = paging?.GetObject("cursors")?.GetString("after");
            if (paging?.GetString("next") is null || string.IsNullOrEmpty(after))
            {
                return items;
            }
        }

        Log.Verbose(string.Format(CultureInfo.InvariantCulture, "Stopped reading {0} after {1} pages.", path, MaxPages));
        return items;
    }

    /// <summary>A WABA's phone numbers.</summary>
    public async Task<FacebookWhatsAppPhoneNumber[]> GetPhoneNumbersAsync(CheckedSecret token, CheckedSecret? appSecret, string accountId, CancellationToken cancellationToken)
    {
        List<JsonObject> items = await ListAsync(token, appSecret, accountId, "phone_numbers", PhoneFields, cancellationToken).ConfigureAwait(false);
        return items
            .Where(o => !string.IsNullOrEmpty(o.GetString("id")))
            .Select(o => new FacebookWhatsAppPhoneNumber
            {
                Id = o.GetString("id")!,
                DisplayPhoneNumber = o.GetString("display_phone_number"),
                VerifiedName = o.GetString("verified_name"),
                QualityRating = o.GetString("quality_rating"),
            })
            .ToArray();
    }

    /// <summary>
    /// The WABAs of the token's WhatsApp granular scopes and, for each business id, the business's owned and client
    /// WABAs, each with its phone numbers. An id the token does not reach is a failure in the listing, not an exception.
    /// </summary>
    public async Task<WhatsAppAccountListing> GetAccountsAsync(
        CheckedSecret token,
        string? appId,
        CheckedSecret? appSecret,
        IReadOnlyList<string> businessIds,
        CancellationToken cancellationToken)
    {
        var listing = new WhatsAppAccountListing();
        var seen = new Dictionary<string, FacebookWhatsAppAccount>(StringComparer.Ordinal);
        FacebookTokenInfo info = await new FacebookOAuthClient(Endpoint, Log).DebugTokenAsync(token, appId, appSecret, cancellationToken).ConfigureAwait(false);
        if (!info.IsValid)
        {
            throw TokenNotValid(info);
        }

        foreach (string id in GranularTargetIds(info))
        {
            try
            {
                JsonObject waba = await ReadAsync(token, appSecret, id, "id,name", cancellationToken).ConfigureAwait(false);
                Add(listing, seen, waba, "GranularScopes");
            }
            catch (FacebookApiException ex) when (IsNotReachable(ex))
            {
                listing.Failures.Add(new KeyValuePair<string, FacebookApiException>(id, ex));
            }
        }

        foreach (string businessId in businessIds)
        {
            foreach (string edge in new[] { "owned_whatsapp_business_accounts", "client_whatsapp_business_accounts" })
            {
                try
                {
                    foreach (JsonObject waba in await ListAsync(token, appSecret, businessId, edge, "id,name", cancellationToken).ConfigureAwait(false))
                    {
                        Add(listing, seen, waba, edge.StartsWith("owned", StringComparison.Ordinal) ? "OwnedByBusiness" : "ClientOfBusiness");
                    }
                }
                catch (FacebookApiException ex) when (IsNotReachable(ex))
                {
                    listing.Failures.Add(new KeyValuePair<string, FacebookApiException>(businessId, ex));
                    break;
                }
            }
        }

        foreach (FacebookWhatsAppAccount account in listing.Accounts)
        {
            try
            {
                account.PhoneNumbers = await GetPhoneNumbersAsync(token, appSecret, account.Id, cancellationToken).ConfigureAwait(false);
            }
            catch (FacebookApiException ex) when (IsNotReachable(ex))
            {
                listing.Failures.Add(new KeyValuePair<string, FacebookApiException>(account.Id, ex));
            }
        }

        return listing;
    }

    /// <summary>The WABA ids of the token's WhatsApp granular scopes, newest first as Facebook lists them, without repeats.</summary>
    internal static List<string> GranularTargetIds(FacebookTokenInfo info)
    {
        var ids = new List<string>();
        foreach (FacebookGranularScope scope in info.GranularScopes)
        {
            if (Array.IndexOf(WhatsAppScopes, scope.Scope) >= 0)
            {
                foreach (string id in scope.TargetIds)
                {
                    if (!ids.Contains(id))
                    {
                        ids.Add(id);
                    }
                }
            }
        }

        return ids;
    }

    internal static FacebookApiException TokenNotValid(FacebookTokenInfo info) =>
        new(
            "Facebook says the token " + info.MaskedToken + " is not valid" + (info.Error?.Message is string m ? ": " + m.TrimEnd('.') + "." : ".")
                + " Test-FacebookToken -Detailed says what to do.",
            info.Error?.Subcode switch
            {
                463 => FacebookErrorKind.TokenExpired,
                458 or 460 or 467 => FacebookErrorKind.TokenRevoked,
                _ => FacebookErrorKind.InvalidToken,
            },
            "debug_token",
            200,
            info.Error?.Code,
            info.Error?.Subcode,
            null,
            info.Error?.Message,
            null,
            false,
            null,
            null);

    private static void Add(WhatsAppAccountListing listing, Dictionary<string, FacebookWhatsAppAccount> seen, JsonObject waba, string source)
    {
        string? id = waba.GetString("id");
        if (string.IsNullOrEmpty(id) || seen.ContainsKey(id!))
        {
            return;
        }

        var account = new FacebookWhatsAppAccount { Id = id!, Name = waba.GetString("name"), Source = source };
        seen[id!] = account;
        listing.Accounts.Add(account);
    }

    private GraphRequest NewRequest(CheckedSecret token, CheckedSecret? appSecret, string path)
    {
        return new GraphRequest(HttpMethod.Get, path, RetryMode.Idempotent)
            .WithBearer(token)
            .WithAppSecretProof(appSecret, Clock());
    }
}
