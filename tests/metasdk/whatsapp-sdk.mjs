// Drives the Facebook emulator with Meta's WhatsApp Node SDK (npm `whatsapp` 0.0.5-Alpha, pinned in
// package-lock.json; the npm `whatsapp` 1.0.0 is an empty placeholder) for tests/MetaBusinessSdk.Tests.ps1.
// That SDK always speaks https on port 443 to WA_BASE_URL. Here a local TLS shim (node's https server with a
// certificate the Pester file made for 127.0.0.1 and passes in NODE_EXTRA_CA_CERTS) forwards each request, unchanged,
// to the emulator's plain-http loopback port, and the SDK's requester is pointed at the shim's port at run time.
// Nothing is asserted here: each call's HTTP status and JSON body go to stdout as one JSON object.
//
// Input (environment): the SDK's own WA_BASE_URL (127.0.0.1), CLOUD_API_VERSION, CLOUD_API_ACCESS_TOKEN,
// WA_PHONE_NUMBER_ID, WA_BUSINESS_ACCOUNT_ID, M4D_APP_ID, M4D_APP_SECRET, WEBHOOK_ENDPOINT,
// WEBHOOK_VERIFICATION_TOKEN, LISTENER_PORT; and FBT_EMULATOR_PORT, FBT_TLS_KEY, FBT_TLS_CERT (PEM files),
// FBT_CUSTOMER (a customer who wrote to the number), FBT_CUSTOMER_WAMID (their message).
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import WhatsAppModule from 'whatsapp';

const WhatsApp = WhatsAppModule.default ?? WhatsAppModule;
const emulatorPort = Number(process.env.FBT_EMULATOR_PORT);

// The TLS shim: terminate TLS on 127.0.0.1:<ephemeral>, forward to the emulator over loopback http.
const shim = https.createServer(
    { key: readFileSync(process.env.FBT_TLS_KEY), cert: readFileSync(process.env.FBT_TLS_CERT) },
    (req, res) => {
        const headers = { ...req.headers, host: `127.0.0.1:${emulatorPort}` };
        const forward = http.request(
            { host: '127.0.0.1', port: emulatorPort, method: req.method, path: req.url, headers },
            (answer) => {
                res.writeHead(answer.statusCode ?? 502, answer.headers);
                answer.pipe(res);
            });
        forward.on('error', (e) => {
            res.writeHead(502);
            res.end(String(e));
        });
        req.pipe(forward);
    });
await new Promise((resolve) => shim.listen(0, '127.0.0.1', resolve));

const wa = new WhatsApp();
// The SDK hard-codes port 443 in its requester; point it at the shim.
wa.requester.port = shim.address().port;

const results = { sdkVersion: wa.version() };

async function step(name, action) {
    try {
        const response = await action();
        let body = null;
        try {
            body = await response.responseBodyToJSON();
        } catch {
            body = null;
        }
        results[name] = { status: response.statusCode(), body };
    } catch (e) {
        results[name] = { failed: String(e?.message ?? e) };
    }
}

const customer = Number(process.env.FBT_CUSTOMER);
await step('template', () => wa.messages.template({ name: 'hello_world', language: { code: 'en_US', policy: 'deterministic' } }, 15550100001));
await step('text', () => wa.messages.text({ body: 'Your order shipped.' }, customer));
await step('markRead', () => wa.messages.status({ status: 'read', message_id: process.env.FBT_CUSTOMER_WAMID }));
await step('markReadUnknown', () => wa.messages.status({ status: 'read', message_id: 'wamid.HBgLbm90LWEtbWVzc2FnZQ' }));
await step('setPin', () => wa.twoStepVerification.setPin(135790));

wa.requester.client.clearSockets();
shim.close();
process.stdout.write(JSON.stringify(results) + '\n');
