// The built pages work under the Content-Security-Policy the server sends with them (issue 9):
// no inline script, no inline handlers, no eval. The pages are served here by a small server of
// our own that adds the policy (so this holds whether or not the server under test sends it yet)
// and forwards /api and /health to the server under test, so everything stays one origin.
// Each page visited is also kept as a picture in target/e2e-screenshots (SCREENSHOT_DIR), to
// look at after a run.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request as forward } from 'node:http';
import { mkdir, readFile, readdir } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import {
    BASE_URL, DEMO_PASSWORD, desktopContext, freshPhone, launchBrowser, phoneContext,
    takeCspViolations,
} from './browser.mjs';

export const CSP = "default-src 'self'; script-src 'self'; object-src 'none'; "
    + "frame-ancestors 'none'; base-uri 'self'; img-src 'self' data: blob:; "
    + "style-src 'self' 'unsafe-inline'; connect-src 'self'; worker-src 'self' blob:";

const WEBROOT = process.env.WEBROOT_DIR
    ?? new URL('../../target/classes/webroot/', import.meta.url).pathname;
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript',
    '.mjs': 'text/javascript', '.css': 'text/css',
    '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json' };
const SCREENSHOTS = process.env.SCREENSHOT_DIR
    ?? new URL('../../target/e2e-screenshots/', import.meta.url).pathname;
const target = new URL(BASE_URL);

async function shot(page, name) {
    await mkdir(SCREENSHOTS, { recursive: true });
    await page.waitForTimeout(300); // map tiles of our roads and fonts settle
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Serves WEBROOT with the policy; /api and /health go on to the server under test. */
function pagesWithPolicy() {
    return createServer(async (req, res) => {
        if (req.url.startsWith('/api/') || req.url.startsWith('/health')) {
            const upstream = forward({ host: target.hostname, port: target.port, path: req.url,
                method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
                res.writeHead(answer.statusCode, answer.headers);
                answer.pipe(res);
            });
            upstream.on('error', () => res.writeHead(502).end());
            req.pipe(upstream);
            return;
        }
        const path = new URL(req.url, 'http://pages').pathname;
        const file = normalize(join(WEBROOT, path === '/' ? 'index.html' : path));
        if (!file.startsWith(normalize(WEBROOT))) return res.writeHead(404).end();
        try {
            const body = await readFile(file);
            res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
                'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff' });
            res.end(body);
        } catch {
            res.writeHead(404).end();
        }
    });
}

describe('the pages under the Content-Security-Policy', () => {
    let browser;
    let server;
    let origin;

    before(async () => {
        server = pagesWithPolicy();
        await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
        origin = `http://127.0.0.1:${server.address().port}`;
        browser = await launchBrowser();
    });
    after(async () => {
        await browser?.close();
        await new Promise((resolve) => server?.close(resolve));
    });

    /** A page of `context` at `path` of our policy server, its script errors collected. */
    async function open(context, path) {
        const page = await context.newPage();
        page.errors = [];
        page.on('pageerror', (error) => page.errors.push(error.message));
        page.setDefaultTimeout(15_000);
        const response = await page.goto(origin + path);
        assert.equal(response.headers()['content-security-policy'], CSP);
        return page;
    }

    /** Calls the API as the signed-in driver of `page`; fails on any non-2xx answer. */
    async function asDriver(page, method, path, body) {
        const answer = await page.evaluate(async ({ method, path, body }) => {
            const response = await fetch(`./api/v1${path}`, { method,
                headers: { 'Content-Type': 'application/json',
                    Authorization: `Bearer ${sessionStorage.getItem('anxing.token')}` },
                body: body === undefined ? undefined : JSON.stringify(body) });
            return { status: response.status, json: await response.json() };
        }, { method, path, body });
        assert.ok(answer.status < 300, `${method} ${path}: ${JSON.stringify(answer.json)}`);
        return answer.json;
    }

    async function signInAs(page, credentials) {
        const response = await page.context().request.post(`${origin}/api/v1/auth/login`,
            { data: { password: DEMO_PASSWORD, ...credentials } });
        assert.ok(response.ok(), await response.text());
        const answer = await response.json();
        await page.evaluate(({ token, user }) => {
            sessionStorage.setItem('anxing.token', token);
            sessionStorage.setItem('anxing.user', JSON.stringify(user));
        }, answer);
    }

    test('the built pages have no inline script, no inline handler and no eval', async () => {
        const html = await readFile(join(WEBROOT, 'index.html'), 'utf8');
        const scripts = [...html.matchAll(/<script\b[^>]*>/gi)].map(([tag]) => tag);
        assert.ok(scripts.length > 0);
        assert.deepEqual(scripts.filter((tag) => !/\ssrc=/.test(tag)), [], 'inline scripts');
        assert.deepEqual(html.match(/\son[a-z]+\s*=/gi) ?? [], [], 'inline handlers');
        const assets = (await readdir(join(WEBROOT, 'assets'))).filter((f) => f.endsWith('.js'));
        for (const asset of assets) {
            const code = await readFile(join(WEBROOT, 'assets', asset), 'utf8');
            assert.doesNotMatch(code, /\beval\s*\(|\bnew Function\s*\(/, asset);
        }
    });

    test('the guard sees a violation: an inline script added to the page is refused', async () => {
        const context = await phoneContext(browser);
        const page = await open(context, '/#/signin');
        await page.waitForSelector('#signin');
        await page.evaluate(() => {
            const script = document.createElement('script');
            script.textContent = 'window.inlineRan = true';
            document.body.append(script);
        });
        await page.waitForTimeout(200);
        assert.equal(await page.evaluate(() => window.inlineRan ?? false), false);
        const seen = takeCspViolations(page);
        assert.ok(seen.some((text) => /script-src/.test(text)), seen.join('\n'));
        await context.close();
    });

    test('a driver signs in by phone and opens home, accidents, the map and payments; a name'
        + ' that looks like markup stays text on the case page', async () => {
            const context = await phoneContext(browser);
            const page = await open(context, '/#/signin');
            await page.waitForSelector('#signin');
            await shot(page, 'signin');
            await page.fill('#signin-phone input[name=phone]', freshPhone());
            await page.click('#request-code');
            await page.waitForSelector('#dev-code[data-code]');
            const code = await page.locator('#dev-code').getAttribute('data-code');
            await page.fill('#signin-phone input[name=code]', code);
            await page.click('#phone-submit');
            await page.waitForSelector('#home');
            await shot(page, 'home-driver');
            await page.click('#language-toggle');
            await page.waitForSelector('html[lang=en]');
            await shot(page, 'home-driver-en');
            await page.click('#language-toggle');

            await page.goto(`${origin}/#/accident`);
            await page.waitForSelector('#accident-home');
            await shot(page, 'accident-home');
            await page.goto(`${origin}/#/accident/new`);
            await page.waitForSelector('#report-form');
            await shot(page, 'accident-new');
            await page.goto(`${origin}/#/map`);
            await page.waitForSelector('#road-map[data-roads=loaded]');
            await shot(page, 'map');
            await page.goto(`${origin}/#/payments`);
            await page.waitForSelector('#pay-apply');
            await shot(page, 'payments-driver');

            const markup = '<img src=x onerror="window.injected=true">';
            const digits = () => String(Math.floor(Math.random() * 1e5)).padStart(5, '0');
            const reported = await asDriver(page, 'POST', '/accidents', {
                lat: 28.29663, lon: 117.20555, plates: [`浙F${digits()}`, `浙F${digits()}`],
                weather: 'SUNNY', accidentForm: 'REAR_END_COLLISION', ignoreDuplicates: true });
            const [insurer] = await asDriver(page, 'GET', '/insurers');
            await asDriver(page, 'PUT', `/accidents/${reported.id}/parties/me`, {
                name: markup, plate: reported.plates[0], vehicleType: '小型轿车',
                licenceNo: '330482199001011234', insurerCode: insurer.code,
                policyNo: 'PDAA2026000001', collisionPart: '车尾' });
            await page.goto(`${origin}/#/accident/${reported.id}`);
            await page.waitForSelector('#share-qr svg');
            await shot(page, 'accident-case');
            assert.match(await page.textContent('#parties li[data-label=A]'), /<img src=x/);
            assert.equal(await page.locator('#accident-case img').count(), 0);
            assert.deepEqual(await page.locator('#share-qr *').evaluateAll(
                (nodes) => [...new Set(nodes.map((n) => n.localName))].sort()),
            ['path', 'rect', 'svg'], 'the QR code is only shapes');
            assert.equal(await page.evaluate(() => window.injected ?? false), false);
            assert.deepEqual(page.errors, []);
            assert.deepEqual(takeCspViolations(page), []);
            await context.close();
        });

    test('police and a coordinator open their pages', async () => {
        const context = await desktopContext(browser);
        const page = await open(context, '/#/signin');
        await signInAs(page, { username: 'police1' });
        await page.goto(`${origin}/#/police/accidents`);
        await page.waitForSelector('#police-queue');
        await shot(page, 'police-queue');
        await page.goto(`${origin}/#/payments`);
        await page.waitForSelector('#pay-apply');
        await shot(page, 'payments-police');

        await signInAs(page, { username: 'coord1' });
        await page.goto(`${origin}/#/bus`);
        await page.waitForSelector('#bus-planning');
        await page.waitForSelector('#bus-map[data-roads=loaded]');
        await shot(page, 'bus-planning');
        assert.deepEqual(page.errors, []);
        assert.deepEqual(takeCspViolations(page), []);
        await context.close();
    });
});
