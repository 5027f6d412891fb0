// Drives the Facebook emulator with Meta's Business SDK for Node (facebook-nodejs-business-sdk, pinned in
// package-lock.json) for tests/MetaBusinessSdk.Tests.ps1. The SDK talks to a hard-coded
// https://graph.facebook.com; FacebookAdsApi.GRAPH is overridden here, at run time, to the emulator's base URI.
// Nothing is asserted here: each call's outcome (the value the SDK gave, or its FacebookRequestError) is written as
// one JSON object on stdout, and the Pester file asserts on it.
//
// Input (environment): FBT_GRAPH (the emulator's base URI, no trailing slash), FBT_USER_TOKEN (a long-lived user token
// with the WhatsApp scopes), FBT_APP_TOKEN (APPID|SECRET), FBT_WABA, FBT_PHONE, FBT_BUSINESS, FBT_CUSTOMER_WAMID (a
// customer's message to FBT_PHONE, from the emulator's control API).
import bizSdk from 'facebook-nodejs-business-sdk';

const { FacebookAdsApi, WhatsAppBusinessAccount, Business, User } = bizSdk;

function required(name) {
    const value = process.env[name];
    if (!value) {
        throw new Error(`${name} is not set.`);
    }
    return value;
}

const graph = required('FBT_GRAPH');
const userToken = required('FBT_USER_TOKEN');
const appToken = required('FBT_APP_TOKEN');
const wabaId = required('FBT_WABA');
const phoneId = required('FBT_PHONE');
const businessId = required('FBT_BUSINESS');
// An emulator without customer messages gives none: the read receipt then fails, as it should, instead of the run.
const customerWamid = process.env.FBT_CUSTOMER_WAMID || 'wamid.none';

// The SDK reads the host from this static getter in every call (api.call, getAppID, the HTTP layer's baseURL).
Object.defineProperty(FacebookAdsApi, 'GRAPH', { get: () => graph, configurable: true });

// crash_log false: the SDK's crash reporter would otherwise post uncaught errors to Graph's /instruments.
const api = new FacebookAdsApi(userToken, 'en_US', false);
FacebookAdsApi.setDefaultApi(api);
const appApi = new FacebookAdsApi(appToken, 'en_US', false);

const results = {
    sdkVersion: FacebookAdsApi.SDK_VERSION,
    apiVersion: FacebookAdsApi.VERSION,
    graph: FacebookAdsApi.GRAPH,
};

function errorOf(e) {
    if (!e || e.name !== 'FacebookRequestError') {
        return { notFacebook: true, name: e?.name, message: String(e?.message ?? e) };
    }
    const body = e.response ?? {};
    return {
        status: e.status,
        message: e.message,
        code: body.code,
        subcode: body.error_subcode,
        type: body.type,
        details: body.error_data?.details,
        fbtraceId: body.fbtrace_id,
    };
}

async function step(name, action) {
    try {
        results[name] = { ok: true, value: await action() };
    } catch (e) {
        results[name] = { ok: false, error: errorOf(e) };
    }
}

const names = (cursor) => cursor.map((item) => item._data?.name ?? item.name);
const waba = new WhatsAppBusinessAccount(wabaId);

// Sends and the calls on the phone number.
let sentWamid;
await step('templateSend', async () => {
    const answer = await api.call('POST', [phoneId, 'messages'], {
        messaging_product: 'whatsapp',
        to: '15550100001',
        type: 'template',
        template: { name: 'hello_world', language: { code: 'en_US' } },
    });
    sentWamid = answer.messages?.[0]?.id;
    return answer;
});
await step('markRead', () => api.call('POST', [phoneId, 'messages'], {
    messaging_product: 'whatsapp',
    status: 'read',
    message_id: customerWamid,
    typing_indicator: { type: 'text' },
}));
await step('markReadSent', () => api.call('POST', [phoneId, 'messages'], {
    messaging_product: 'whatsapp',
    status: 'read',
    message_id: sentWamid ?? 'wamid.none',
}));
await step('markReadUnknown', () => api.call('POST', [phoneId, 'messages'], {
    messaging_product: 'whatsapp',
    status: 'read',
    message_id: 'wamid.HBgLbm90LWEtbWVzc2FnZQ',
}));
await step('twoStepPin', () => api.call('POST', [phoneId], { pin: '246810' }));
await step('registerWrongPin', () => api.call('POST', [phoneId, 'register'], { messaging_product: 'whatsapp', pin: '123456' }));
await step('register', () => api.call('POST', [phoneId, 'register'], { messaging_product: 'whatsapp', pin: '246810' }));
await step('phoneNumber', () => api.call('GET', [phoneId], { fields: 'display_phone_number,verified_name,quality_rating' }));

// WhatsApp Business Account reads through the SDK's own objects.
await step('waba', async () => (await waba.get(['id', 'name', 'currency', 'timezone_id', 'message_template_namespace']))._data);
await step('phoneNumbers', async () => (await waba.getPhoneNumbers(['id', 'display_phone_number', 'verified_name', 'quality_rating'])).map((p) => p._data));
await step('ownedWabas', async () => (await new Business(businessId).getOwnedWhatsAppBusinessAccounts(['id', 'name'])).map((w) => w._data));
await step('me', async () => (await new User('me').get(['id', 'name']))._data);

// Subscribed apps: subscribe, list, unsubscribe, list.
await step('subscribe', async () => (await waba.createSubscribedApp([], {}))._data);
await step('subscribedApps', async () => (await waba.getSubscribedApps([])).map((a) => a._data));
await step('unsubscribe', () => waba.deleteSubscribedApps({}));
await step('subscribedAppsAfter', async () => (await waba.getSubscribedApps([])).map((a) => a._data));

// Templates: by name, then cursor paging forward and backward with the SDK's Cursor, then explicit cursors.
await step('templatesByName', async () => (await waba.getMessageTemplates(['name', 'language'], { name: 'order_update' })).map((t) => t._data));
await step('cursor', async () => {
    const cursor = await waba.getMessageTemplates(['name'], { limit: 1 });
    const forward = [...names(cursor)];
    const firstHadPrevious = cursor.hasPrevious();
    const firstAfter = cursor.paging.cursors.after;
    while (cursor.hasNext()) {
        await cursor.next();
        forward.push(...names(cursor));
    }
    const lastHadNext = cursor.hasNext();
    const lastBefore = cursor.paging.cursors.before;
    const backward = [...names(cursor)];
    while (cursor.hasPrevious()) {
        await cursor.previous();
        backward.push(...names(cursor));
    }
    return { forward, backward, firstHadPrevious, lastHadNext, firstAfter, lastBefore };
});
const cursorResult = results.cursor.ok ? results.cursor.value : {};
await step('explicitAfter', async () => {
    const page = await waba.getMessageTemplates(['name'], { limit: 2, after: cursorResult.firstAfter });
    return { names: names(page), hasPrevious: page.hasPrevious(), hasNext: page.hasNext() };
});
await step('explicitBefore', async () => {
    const page = await waba.getMessageTemplates(['name'], { limit: 2, before: cursorResult.lastBefore });
    return { names: names(page), hasPrevious: page.hasPrevious(), hasNext: page.hasNext() };
});

// debug_token with the app token, and the SDK's own getAppID (debug_token of the API's token, fields=app_id).
await step('debugToken', async () => (await appApi.call('GET', ['debug_token'], { input_token: userToken })).data);
await step('appId', async () => (await appApi.getAppID()).data);

// Fields the node does not have.
await step('unknownFieldMe', () => api.call('GET', ['me'], { fields: 'id,no_such_field' }));
await step('unknownFieldWaba', () => waba.get(['id', 'no_such_field']));
await step('unknownFieldTemplates', () => waba.getMessageTemplates(['name', 'no_such_field']));

process.stdout.write(JSON.stringify(results) + '\n');
