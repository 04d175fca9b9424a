/**
 * What every browser test shares: a headless Debian Chromium driven by playwright-core, a phone
 * sized page in Chinese, and sign-in helpers. The server under test is at BASE_URL (the Java
 * test suite starts a real one and sets it).
 *
 *   const browser = await launchBrowser();            // once per test file
 *   const context = await phoneContext(browser);      // once per test: empty storage
 *   const page = await openPage(context);
 *   await signInByPhone(page, freshPhone());
 *
 * Every page of a context made here is watched for Content-Security-Policy violations (the
 * browser's console report and the `securitypolicyviolation` event): a test file in which any
 * page broke the policy fails at its end, naming what was refused (see `cspViolations`).
 */
import { after } from 'node:test';
import { chromium } from 'playwright-core';

export const BASE_URL = (process.env.BASE_URL ?? 'http://localhost:8080').replace(/\/$/, '');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? 'anxing-demo';
export const PHONE_VIEWPORT = { width: 390, height: 844 };

/** Chromium flags: no sandbox (root in CI), and nothing that would reach the internet. */
const CHROMIUM_ARGS = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
];

/**
 * A headless Chromium. Playwright starts it with a new temporary user-data-dir and deletes it on
 * `browser.close()`, so no run sees another's profile; each context (see `phoneContext`) adds
 * its own empty storage on top.
 */
export function launchBrowser() {
    return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * Every CSP violation seen by any watched page of this test file, as "url: what was refused".
 * A test that provokes one on purpose takes it out with `takeCspViolations`.
 */
export const cspViolations = [];

/** Removes and returns the violations seen so far by `page` (all pages when none is given). */
export function takeCspViolations(page) {
    const taken = cspViolations.filter((v) => !page || v.page === page);
    for (const v of taken) cspViolations.splice(cspViolations.indexOf(v), 1);
    return taken.map((v) => v.text);
}

// only under `node --test` (screenshots.mjs imports this file as a plain script)
if (process.env.NODE_TEST_CONTEXT) {
    after(() => {
        if (cspViolations.length > 0) {
            throw new Error(`Content-Security-Policy violations:\n${cspViolations
                .map((v) => v.text).join('\n')}`);
        }
    });
}

const CSP_REPORT = /Content[- ]Security[- ]Policy|securitypolicyviolation/i;

/** Reports the page's violation events to its console, where `watchContext` reads them. */
function reportViolations() {
    document.addEventListener('securitypolicyviolation', (event) => {
        console.error(`securitypolicyviolation: ${event.violatedDirective} refused `
            + `${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber}`);
    });
}

async function watchContext(context) {
    await context.addInitScript(reportViolations);
    context.on('page', (page) => page.on('console', (message) => {
        if (message.type() === 'error' && CSP_REPORT.test(message.text())) {
            cspViolations.push({ page, text: `${page.url()}: ${message.text()}` });
        }
    }));
    return context;
}

/** A phone (390×844, touch) context in Chinese, or in `locale`, with empty storage. */
export function phoneContext(browser, { locale = 'zh-CN' } = {}) {
    return browser.newContext({
        viewport: PHONE_VIEWPORT,
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        locale,
        timezoneId: 'Asia/Shanghai',
    }).then(watchContext);
}

/** A desktop (1280×800) context for police and coordinator pages. */
export function desktopContext(browser, { locale = 'zh-CN' } = {}) {
    return browser.newContext({ viewport: { width: 1280, height: 800 }, locale,
        timezoneId: 'Asia/Shanghai' }).then(watchContext);
}

/**
 * A new page of `context` opened at `path`. `page.requests` collects every URL the page asks
 * for (see `outsideRequests`), `page.errors` every uncaught script error.
 */
export async function openPage(context, path = '/#/signin') {
    const page = await context.newPage();
    page.requests = [];
    page.on('request', (request) => page.requests.push(request.url()));
    page.errors = [];
    page.on('pageerror', (error) => page.errors.push(error.message));
    page.setDefaultTimeout(15_000);
    await page.goto(BASE_URL + path);
    return page;
}

/** URLs a page asked for outside our server: an intranet has no internet to answer them. */
export function outsideRequests(page) {
    const origin = new URL(BASE_URL).origin;
    return page.requests.filter((url) => !url.startsWith(origin) && !url.startsWith('data:')
        && !url.startsWith('blob:'));
}

/** A phone number no test has used: it signs in as a new driver. */
export function freshPhone() {
    return `137${String(Date.now() % 1e5).padStart(5, '0')}${String(Math.floor(Math.random() * 1e3))
        .padStart(3, '0')}`;
}

/**
 * Signs in by phone and one-time code, reading the demo code the page shows, and waits for
 * `landing` (a selector; the home page unless the sign-in was sent from elsewhere).
 */
export async function signInByPhone(page, phone, { landing = '#home' } = {}) {
    await openSignIn(page);
    await page.click('#tab-phone');
    await page.fill('#signin-phone input[name=phone]', phone);
    await page.click('#request-code');
    const hint = page.locator('#dev-code');
    const refusal = page.locator('#signin-phone [role=alert]:visible');
    await hint.or(refusal).first().waitFor();
    if (!(await hint.isVisible())) {
        // e.g. RATE_LIMITED: the server caps codes per address (OTP_PER_ADDRESS_PER_HOUR)
        throw new Error(`no one-time code for ${phone}: ${await refusal.first().textContent()}`);
    }
    const code = await hint.getAttribute('data-code');
    await page.fill('#signin-phone input[name=code]', code);
    await page.click('#phone-submit');
    await page.waitForSelector(landing);
}

/** Signs in a staff account (police1, coord1, ...) with its password. */
export async function signInAsStaff(page, username, password = DEMO_PASSWORD) {
    await fillStaffForm(page, username, password);
    await page.waitForSelector('#home');
}

/** Fills and sends the staff form without waiting for the result (for failures). */
export async function fillStaffForm(page, username, password) {
    await openSignIn(page);
    await page.click('#tab-staff');
    await page.fill('#signin-staff input[name=username]', username);
    await page.fill('#signin-staff input[name=password]', password);
    await page.click('#staff-submit');
}

/**
 * Signs in through the API rather than the form (quicker, for tests about other pages):
 * `{ phone }` by one-time code, or `{ username, password }`. Leaves the page at `path`.
 */
export async function signInThroughApi(page, credentials, path = '/#/home') {
    let answer;
    if (credentials.phone) {
        const requested = await api(page, 'POST', '/api/v1/auth/otp/request',
            { phone: credentials.phone });
        answer = await api(page, 'POST', '/api/v1/auth/otp/verify',
            { phone: credentials.phone, code: requested.devCode });
    } else {
        answer = await api(page, 'POST', '/api/v1/auth/login',
            { username: credentials.username, password: credentials.password ?? DEMO_PASSWORD });
    }
    await page.goto(`${BASE_URL}/#/signin`);
    await page.evaluate(({ token, user }) => {
        sessionStorage.setItem('anxing.token', token);
        sessionStorage.setItem('anxing.user', JSON.stringify(user));
    }, answer);
    await page.goto(BASE_URL + path);
    return answer;
}

/** Calls the API as the page's context, without a token; fails on any non-2xx answer. */
export async function api(page, method, path, body) {
    const response = await page.context().request.fetch(BASE_URL + path, {
        method,
        data: body,
        headers: { Accept: 'application/json' },
    });
    if (!response.ok()) {
        throw new Error(`${method} ${path}: ${response.status()} ${await response.text()}`);
    }
    return response.json();
}

async function openSignIn(page) {
    if (!page.url().includes('#/signin')) await page.goto(`${BASE_URL}/#/signin`);
    await page.waitForSelector('#signin');
}
