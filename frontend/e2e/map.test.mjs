// The shared map: our own roads as the base map, the OSM credit, a tap finds the nearest road,
// and nothing is asked of any server but ours (the pages run on an intranet).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
    freshPhone, launchBrowser, openPage, outsideRequests, phoneContext, signInThroughApi,
} from './browser.mjs';

describe('the road map', () => {
    let browser;
    let context;
    let page;
    before(async () => {
        browser = await launchBrowser();
        context = await phoneContext(browser);
        page = await openPage(context);
        await signInThroughApi(page, { phone: freshPhone() }, '/#/map');
        await page.waitForSelector('#road-map[data-roads=loaded]');
    });
    after(async () => { await browser?.close(); });

    test('draws the roads around the map centre from our own server', async () => {
        const count = Number(await page.getAttribute('#road-map', 'data-road-count'));
        assert.ok(count > 0, `roads drawn: ${count}`);
        assert.equal(await page.locator('.leaflet-tile').count(), 0, 'no tile layer');
        assert.ok(page.requests.some((url) => url.includes('/api/v1/map/roads?bbox=')));
        assert.deepEqual(outsideRequests(page), []);
    });

    test('credits OpenStreetMap', async () => {
        assert.match(await page.locator('.leaflet-control-attribution').textContent(),
            /© OpenStreetMap contributors/);
    });

    test('a tap shows the name of the nearest road, as the snap API gives it', async () => {
        const box = await page.locator('#road-map').boundingBox();
        const [response] = await Promise.all([
            page.waitForResponse((r) => r.url().includes('/api/v1/map/snap?')),
            page.mouse.click(box.x + box.width / 2, box.y + box.height / 2),
        ]);
        assert.equal(response.status(), 200);
        const snapped = await response.json();
        const result = page.locator('.snap-result');
        await result.waitFor();

        assert.equal(await result.getAttribute('data-road-name'), snapped.roadName ?? '');
        const expected = snapped.roadName || '无名道路';
        assert.equal(await result.locator('.snap-road').textContent(), expected);
        assert.ok(await page.locator('.leaflet-marker-icon').isVisible(), 'marker at the road');
    });

    test('zooming in loads the roads of the new view', async () => {
        await page.keyboard.press('Escape');
        await Promise.all([
            page.waitForRequest((r) => r.url().includes('/api/v1/map/roads?bbox=')),
            page.click('.leaflet-control-zoom-in'),
        ]);
        await page.waitForSelector('#road-map[data-roads=loaded]');
    });
});
