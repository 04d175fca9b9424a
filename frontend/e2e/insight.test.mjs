// The one traffic map and the dashboard, as police see them: hot segments drawn by MapLibre on
// our own base map, the ranking and its CSV, a segment's cases, the dashboard's charts, and no
// request to any other host. Screenshots go to SCREENSHOT_DIR (default target/screenshots).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import {
    BASE_URL, CHROMIUM, desktopContext, freshPhone, openPage, outsideRequests, signInThroughApi,
} from './browser.mjs';
import { checkWords } from './quality.mjs';

const SHOTS = process.env.SCREENSHOT_DIR ?? '../target/screenshots';
// 水厂路 three times, 雄石东路 once: points halfway between two nodes of each OSM way
const REPORTS = [
    [28.2994436, 117.2426026], [28.2994436, 117.2426026], [28.2994436, 117.2426026],
    [28.2872006, 117.2212887],
];

/**
 * MapLibre draws with WebGL: without a GPU, Chromium's software renderer (SwiftShader) has to be
 * allowed explicitly. The other flags are the shared ones that keep Chromium off the internet.
 */
function launchWebGlBrowser() {
    return chromium.launch({ executablePath: CHROMIUM, headless: true, args: [
        '--no-sandbox', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run', '--disable-quic', '--use-angle=swiftshader',
        '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist'] });
}

async function reportAccidents(context) {
    for (const [lat, lon] of REPORTS) {
        const phone = freshPhone();
        const call = async (path, data, token) => {
            const response = await context.request.post(BASE_URL + path, { data, headers:
                token ? { Authorization: `Bearer ${token}` } : {} });
            assert.ok(response.ok(), `${path}: ${response.status()} ${await response.text()}`);
            return response.json();
        };
        const sent = await call('/api/v1/auth/otp/request', { phone });
        const { token } = await call('/api/v1/auth/otp/verify', { phone, code: sent.devCode });
        const plate = () => `浙F${String(Math.floor(Math.random() * 1e5)).padStart(5, '0')}`;
        await call('/api/v1/accidents', { lat, lon, plates: [plate(), plate()], weather: 'SUNNY',
            accidentForm: 'REAR_END_COLLISION', ignoreDuplicates: true }, token);
    }
}

describe('the one traffic map and the dashboard (police)', () => {
    let browser;
    let page;
    before(async () => {
        await mkdir(SHOTS, { recursive: true });
        browser = await launchWebGlBrowser();
        const context = await desktopContext(browser);
        await reportAccidents(context);
        page = await openPage(context);
        await signInThroughApi(page, { username: 'police1' }, '/#/insight?period=day');
        await page.waitForSelector('#insight-map[data-hot=loaded]', { timeout: 30_000 });
    });
    after(async () => { await browser?.close(); });

    test('draws the hot segments of the day and ranks them, busiest first', async () => {
        assert.ok(Number(await page.getAttribute('#insight-map', 'data-hot-count')) >= 2);
        const drawn = await page.$eval('#insight-map', (element) => new Promise((resolve) => {
            const map = element.insightMap;
            map.fitBounds([[117.215, 28.284], [117.247, 28.302]], { animate: false });
            map.once('idle', () => resolve(map.queryRenderedFeatures(
                { layers: ['hot-segments'] }).map((f) => f.properties.roadName)));
        }));
        assert.ok(drawn.includes('水厂路') && drawn.includes('雄石东路'), drawn.join());
        // other browser tests report accidents today too: ours must be there, ranked by count
        const counts = await page.$$eval('#insight-ranking .ranking-row', (rows) => rows.map(
            (row) => ({ road: row.cells[1].textContent, count: Number(row.cells[3].textContent) })));
        const ours = counts.find((row) => row.road === '水厂路');
        assert.ok(ours, counts.map((row) => row.road).join(' | '));
        assert.ok(ours.count >= 3, `水厂路 counted ${ours.count}`);
        for (let i = 1; i < counts.length; i++) {
            assert.ok(counts[i - 1].count >= counts[i].count, 'busiest first');
        }
        await page.screenshot({ path: `${SHOTS}/insight-map.png` });
        await checkWords(page, 'insight-map-page');
    });

    test('a layer switched off is no longer drawn', async () => {
        const count = () => page.$eval('#insight-map', (element) => new Promise((resolve) => {
            const map = element.insightMap;
            map.once('idle', () => resolve(map.queryRenderedFeatures(
                { layers: ['hot-segments'] }).length));
            map.triggerRepaint();
        }));
        await page.uncheck('.insight-layers input[name=hot]');
        assert.equal(await count(), 0);
        await page.check('.insight-layers input[name=hot]');
        assert.ok(await count() > 0);
    });

    test('a ranking row shows that segment\'s cases with number, time and state', async () => {
        await page.locator('#insight-ranking .ranking-row', { hasText: '水厂路' }).first().click();
        await page.waitForSelector('#segment-cases:not([hidden]) tbody tr');
        assert.ok(await page.locator('#segment-cases tbody tr').count() >= 3);
        assert.match(await page.locator('#segment-cases tbody tr').first().textContent(),
            /PH\d{8}-\d{6}.*填写中/);
        await page.waitForTimeout(600);
        await page.screenshot({ path: `${SHOTS}/insight-segment-cases.png` });
    });

    test('exports the ranking as CSV with a byte-order mark, in Chinese', async () => {
        const [download] = await Promise.all([page.waitForEvent('download'),
            page.click('#ranking-csv')]);
        const text = await readFile(await download.path(), 'utf8');
        assert.equal(text.charCodeAt(0), 0xfeff);
        assert.match(text, /^\uFEFF排名,道路,路段/);
        const line = text.split('\r\n').find((row) => /^\d+,水厂路,/.test(row));
        assert.ok(line, text);
        assert.ok(Number(line.split(',')[6]) >= 3, line);
    });

    test('draws every dashboard figure, payers by name, with nothing from elsewhere', async () => {
        await page.goto(`${BASE_URL}/#/insight/dashboard?period=day`);
        await page.waitForSelector('#insight-figures[data-rendered="7"]');
        assert.ok(await page.locator('#insight-figures canvas').count() >= 7);
        const text = await page.locator('#insight-figures').textContent();
        assert.match(text, /中国人保财险/);
        assert.doesNotMatch(text, /PICC|ASSISTANCE_FUND|POLICE_REVIEW/);
        const [download] = await Promise.all([page.waitForEvent('download'),
            page.locator('[data-figure=perDay] .figure-csv').click()]);
        assert.match(await readFile(await download.path(), 'utf8'), /^\uFEFF日期,事故数\r\n/);
        await checkWords(page, 'insight-dashboard');
        assert.deepEqual(outsideRequests(page), []);
        assert.deepEqual(page.errors, []);
    });
});
