// Plays the user in a real browser: opens the Facebook emulator's login dialog in headless chromium,
// presses Continue or Cancel, and follows the redirect to the module's loopback listener.
//
//   node click-through.mjs <dialog-url>
//
// Environment:
//   FBT_CHROMIUM           browser executable (default /usr/bin/chromium, Debian's package)
//   FBT_BROWSER_ACTION     continue (default) or cancel: the button to press
//   FBT_BROWSER_LOG        file that receives the JSON result
//                          { finalUrl, status, title, bodyText, html, error, action, startUrl, elapsedMs }
//   FBT_BROWSER_TIMEOUT_MS hard limit for the whole run (default 60000); the browser is always closed
//
// Exit code: 0 when the redirect target answered, 1 on any failure, 124 on the hard timeout.
// Progress goes to stderr (launch-browser.sh appends it to ${FBT_BROWSER_LOG}.stderr); stdout stays quiet
// and stdin is never read.

import { chromium } from 'playwright-core';
import { renameSync, writeFileSync } from 'node:fs';

const startedAt = Date.now();
const startUrl = process.argv[2] ?? '';
const executablePath = process.env.FBT_CHROMIUM || '/usr/bin/chromium';
const action = (process.env.FBT_BROWSER_ACTION || 'continue').trim().toLowerCase();
const logPath = process.env.FBT_BROWSER_LOG || '';
const parsedTimeout = Number.parseInt(process.env.FBT_BROWSER_TIMEOUT_MS ?? '', 10);
const timeoutMs = Number.isFinite(parsedTimeout) && parsedTimeout > 0 ? parsedTimeout : 60000;

const result = {
  action,
  startUrl,
  finalUrl: null,
  status: null,
  title: null,
  bodyText: null,
  html: null,
  error: null,
  elapsedMs: null,
};

let browser = null;
let page = null;
let finished = false;

function note(message) {
  process.stderr.write(`[click-through ${new Date().toISOString()}] ${message}\n`);
}

function writeResult() {
  result.elapsedMs = Date.now() - startedAt;
  if (!logPath) {
    return;
  }
  // Write then rename, so a test polling for the file never reads half a JSON document.
  const temporary = `${logPath}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(result, null, 2), 'utf8');
  renameSync(temporary, logPath);
}

async function withTimeout(promise, ms) {
  let timer;
  try {
    return await Promise.race([
      promise,
      new Promise((resolve) => {
        timer = setTimeout(resolve, ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

async function capturePage() {
  // Best effort: whatever page the browser shows now, for the result or for a diagnosis.
  if (!page) {
    return;
  }
  try {
    // A failed redirect has already recorded the URL that failed (the page shows chrome-error://).
    result.finalUrl = result.finalUrl ?? page.url();
    result.title = await withTimeout(page.title(), 2000);
    result.bodyText = await withTimeout(page.evaluate(() => document.body?.innerText ?? ''), 2000);
    result.html = await withTimeout(page.content(), 2000);
  } catch (error) {
    note(`could not read the page: ${error.message}`);
  }
}

async function closeBrowser() {
  if (!browser) {
    return;
  }
  const closing = browser;
  browser = null;
  try {
    await withTimeout(closing.close(), 5000);
  } catch (error) {
    note(`browser.close failed: ${error.message}`);
  }
}

async function finish(exitCode) {
  if (finished) {
    return;
  }
  finished = true;
  try {
    writeResult();
  } catch (error) {
    note(`could not write ${logPath}: ${error.message}`);
  }
  await closeBrowser();
  note(`exit ${exitCode} after ${Date.now() - startedAt} ms`);
  // playwright-core kills the browser it launched when this process exits, should close() have hung.
  process.exit(exitCode);
}

const hardTimer = setTimeout(async () => {
  result.error = result.error ?? `Timed out after ${timeoutMs} ms (FBT_BROWSER_TIMEOUT_MS).`;
  note(result.error);
  await capturePage();
  await finish(124);
}, timeoutMs);

async function run() {
  if (!/^https?:\/\//i.test(startUrl)) {
    throw new Error(`Expected an http(s) URL as the first argument, got '${startUrl}'.`);
  }
  if (action !== 'continue' && action !== 'cancel') {
    throw new Error(`FBT_BROWSER_ACTION must be 'continue' or 'cancel', not '${action}'.`);
  }
  const dialogOrigin = new URL(startUrl).origin;
  const stepTimeout = Math.max(1000, timeoutMs - 5000);

  note(`launching ${executablePath}`);
  // playwright-core gives every launch a fresh temporary profile and deletes it on close.
  browser = await chromium.launch({
    executablePath,
    headless: true,
    timeout: stepTimeout,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Everything here is on loopback: an http_proxy in the environment must not get in the way.
      '--no-proxy-server',
    ],
  });
  note(`browser ${browser.version()}`);

  const context = await browser.newContext();
  page = await context.newPage();
  // Every request's fate goes to stderr: what to read when a redirect goes wrong.
  page.on('response', (response) => note(`response ${response.status()} ${response.request().method()} ${response.url()}`));
  page.on('requestfailed', (request) => note(`request failed: ${request.method()} ${request.url()}: ${request.failure()?.errorText}`));
  page.setDefaultTimeout(stepTimeout);
  page.setDefaultNavigationTimeout(stepTimeout);

  note(`opening ${startUrl}`);
  const dialog = await page.goto(startUrl, { waitUntil: 'domcontentloaded' });
  note(`dialog answered HTTP ${dialog?.status()} "${await page.title()}"`);

  const selector = action === 'cancel' ? '#cancel' : '#continue';
  const button = page.locator(selector);
  if ((await button.count()) === 0) {
    await capturePage();
    const text = (result.bodyText ?? '').replace(/\s+/g, ' ').slice(0, 300);
    throw new Error(`The dialog page has no ${selector} button. Title: '${result.title}'. Text: '${text}'`);
  }

  // The answer the browser receives from outside the emulator is the redirect target's; a navigation
  // request to it that fails (nothing listening, connection reset) ends the wait at once.
  const leavesDialog = (url) => {
    try {
      return new URL(url).origin !== dialogOrigin;
    } catch {
      return false;
    }
  };
  let onFailed;
  const targetFailed = new Promise((_, reject) => {
    onFailed = (request) => {
      if (request.isNavigationRequest() && request.frame() === page.mainFrame() && leavesDialog(request.url())) {
        result.finalUrl = request.url();
        reject(new Error(`The redirect to ${request.url()} failed: ${request.failure()?.errorText ?? 'unknown error'}`));
      }
    };
    page.on('requestfailed', onFailed);
  });
  const targetAnswered = page.waitForResponse(
    (response) =>
      response.request().isNavigationRequest() &&
      response.frame() === page.mainFrame() &&
      leavesDialog(response.url()),
    { timeout: stepTimeout },
  );
  // The response event comes before the page commits: the result is read once the new page has loaded.
  const targetLoaded = page.waitForURL((url) => leavesDialog(url.href), {
    waitUntil: 'domcontentloaded',
    timeout: stepTimeout,
  });
  targetFailed.catch(() => {});
  targetAnswered.catch(() => {});
  targetLoaded.catch(() => {});

  note(`clicking ${selector}`);
  // noWaitAfter: the race below decides when the redirect is done, not the click's own navigation wait.
  await button.click({ noWaitAfter: true });
  const response = await Promise.race([targetAnswered, targetFailed]);
  result.status = response.status();
  note(`redirect target ${response.url()} answered HTTP ${result.status}`);
  await Promise.race([targetLoaded, targetFailed]);
  page.off('requestfailed', onFailed);
  note(`loaded ${page.url()}`);
  await capturePage();
}

try {
  await run();
  clearTimeout(hardTimer);
  await finish(0);
} catch (error) {
  clearTimeout(hardTimer);
  if (!finished) {
    result.error = error?.message ?? String(error);
    note(`failed: ${result.error}`);
    if (result.bodyText === null) {
      await capturePage();
    }
    await finish(1);
  }
}
