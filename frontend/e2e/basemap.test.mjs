// Our own base map (MapLibre on our vector tiles): the report page draws it at zoom 16 on the
// demo map with Chinese labels and asks no other host for anything; the plan map writes
// people's labels as text, never as HTML (issue 9).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import {
    BASE_URL, DEMO_PASSWORD, desktopContext, freshPhone, launchBrowser, openPage, outsideRequests,
    phoneContext, signInThroughApi,
} from './browser.mjs';

const SHOTS = process.env.SCREENSHOT_DIR ?? '../target/screenshots';
/** The old town of Guixi (the demo map), by the crossing of 西街, 雄石路 and 交通路. */
const GUIXI_CENTRE = { lat: 28.2857, lon: 117.2020 };
const EVIL = '<img src=x onerror=window.__xss=1>';

async function call(method, path, body, token) {
    const response = await fetch(`${BASE_URL}/api/v1${path}`, {
        method,
        headers: { 'Content-Type': 'application/json',
            ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    assert.ok(response.ok, `${method} ${path}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : null;
}

/** Waits until MapLibre has drawn everything it asked for. */
function mapIdle(page, selector) {
    return page.$eval(selector, (element) => new Promise((resolve) => {
        const map = element.mapLibreMap;
        if (map.loaded() && !map.isMoving()) resolve();
        map.once('idle', () => resolve());
        map.triggerRepaint();
    }));
}

describe('the base map on the report page', () => {
    let browser;
    let page;
    before(async () => {
        await mkdir(SHOTS, { recursive: true });
        browser = await launchBrowser();
        const context = await phoneContext(browser);
        page = await openPage(context);
        await signInThroughApi(page, { phone: freshPhone() }, '/#/accident/new');
        await page.waitForSelector('#report-map[data-map=loaded]', { timeout: 30_000 });
        await page.$eval('#report-map', (element, centre) => element.mapLibreMap.jumpTo(
            { center: [centre.lon, centre.lat], zoom: 16 }), GUIXI_CENTRE);
        await mapIdle(page, '#report-map');
    });
    after(async () => { await browser?.close(); });

    test('draws our tiles at zoom 16 with Chinese road names, asking no other host', async () => {
        await page.locator('#report-map').screenshot({ path: `${SHOTS}/basemap-report-z16.png` });
        const labels = await page.$eval('#report-map', (element) => element.mapLibreMap
            .queryRenderedFeatures({ layers: ['road-label'] })
            .map((feature) => feature.properties.name));
        assert.ok(labels.some((name) => /[\u4e00-\u9fff]/.test(name)),
            `Chinese road labels drawn: ${labels.join(', ')}`);
        assert.ok(page.requests.some((url) => /\/api\/v1\/map\/tiles\/16\/\d+\/\d+\.pbf$/
            .test(url)), 'zoom 16 tiles from our server');
        assert.ok(page.requests.some((url) => url.includes('/api/v1/map/glyphs/')),
            'label glyphs from our server');
        assert.deepEqual(outsideRequests(page), []);
        assert.deepEqual(page.errors, []);
    });

    test('credits OpenStreetMap', async () => {
        assert.match(await page.locator('#report-map .maplibregl-ctrl-attrib').textContent(),
            /© OpenStreetMap contributors/);
    });

    test('a tap moves the pin, names the snapped road and the nearest cross street', async () => {
        const point = await page.$eval('#report-map', (element, centre) => element.mapLibreMap
            .project([centre.lon, centre.lat]), GUIXI_CENTRE);
        const box = await page.locator('#report-map').boundingBox();
        await page.mouse.click(box.x + point.x, box.y + point.y);
        await page.waitForSelector('#report-road[data-road-name]');
        assert.notEqual(await page.getAttribute('#report-road', 'data-road-name'), '');
        const pin = await page.$eval('#report-map', (element) => {
            const marker = element.querySelector('.report-pin');
            const rect = marker.getBoundingClientRect();
            return { shown: rect.width > 0 };
        });
        assert.ok(pin.shown, 'the pin is on the map');
        await page.waitForSelector('#report-nearby:not([hidden])');
        const road = await page.getAttribute('#report-road', 'data-road-name');
        const cross = await page.getAttribute('#report-nearby', 'data-cross-street');
        assert.ok(cross && cross !== road, `a cross street other than ${road}: ${cross}`);
        await page.locator('#report-map').screenshot({ path: `${SHOTS}/basemap-report-pin.png` });
    });

    test('dragging the pin places the accident where it was dropped', async () => {
        const before = await page.getAttribute('#report-road', 'data-road-name');
        const pin = await page.locator('#report-map .report-pin').boundingBox();
        const [located] = await Promise.all([
            page.waitForResponse((r) => r.url().includes('/api/v1/accidents/location?')),
            (async () => {
                await page.mouse.move(pin.x + pin.width / 2, pin.y + pin.height - 4);
                await page.mouse.down();
                await page.mouse.move(pin.x + pin.width / 2 + 60, pin.y + pin.height + 40,
                    { steps: 8 });
                await page.mouse.up();
            })(),
        ]);
        assert.equal(located.status(), 200);
        assert.equal(typeof before, 'string');
    });
});

describe('labels on the plan map are text, not HTML', () => {
    let browser;
    let page;
    let schoolId;
    before(async () => {
        const { token } = await call('POST', '/auth/login',
            { username: 'coord1', password: DEMO_PASSWORD });
        let demo;
        for (let tries = 0; tries < 240 && !demo; tries += 1) {
            demo = (await call('GET', '/bus/schools', null, token)).find((s) => s.households > 0);
            if (!demo) await new Promise((resolve) => { setTimeout(resolve, 500); });
        }
        assert.ok(demo, 'the bus demo loaded');
        const school = await call('POST', '/bus/schools', { name: `测试学校 ${EVIL}`,
            lat: demo.lat, lon: demo.lon, eveningDismissal: '21:00', morningArrival: '07:20' },
        token);
        schoolId = school.id;
        await call('POST', `/bus/schools/${schoolId}/households`, { lat: demo.lat + 0.004,
            lon: demo.lon + 0.003, students: 2, label: EVIL }, token);
        await call('POST', `/bus/schools/${schoolId}/buses`, { label: EVIL, capacity: 30 },
            token);
        const policy = await call('GET', `/bus/schools/${schoolId}/policy`, null, token);
        await call('PUT', `/bus/schools/${schoolId}/policy`, { ...policy, solverSeconds: 1 },
            token);
        const job = await call('POST', `/bus/schools/${schoolId}/plans`, {}, token);
        let status = job;
        for (let tries = 0; tries < 240 && !['done', 'failed'].includes(status.status);
            tries += 1) {
            await new Promise((resolve) => { setTimeout(resolve, 500); });
            status = await call('GET', `/bus/plan-jobs/${job.jobId ?? job.id}`, null, token);
        }
        assert.equal(status.status, 'done', JSON.stringify(status));

        browser = await launchBrowser();
        page = await openPage(await desktopContext(browser));
        await signInThroughApi(page, { username: 'coord1' }, '/#/bus');
        await page.waitForSelector('#bus-map[data-map=loaded]', { timeout: 30_000 });
        await page.selectOption('#bus-school', schoolId);
        await page.waitForFunction(() => document.querySelector('#bus-map').mapLibreMap
            .getSource('plan'));
        await mapIdle(page, '#bus-map');
    });
    after(async () => { await browser?.close(); });

    test('a household labelled with markup shows the markup as text and runs nothing', async () => {
        const at = await page.$eval('#bus-map', (element) => {
            const map = element.mapLibreMap;
            const household = map.getSource('plan').serialize().data.features
                .find((f) => f.properties.kind === 'household');
            map.jumpTo({ center: household.geometry.coordinates, zoom: 16 });
            return map.project(household.geometry.coordinates);
        });
        await page.locator('#bus-map').scrollIntoViewIfNeeded();
        const box = await page.locator('#bus-map').boundingBox();
        await page.mouse.move(box.x + at.x, box.y + at.y);
        const tooltip = page.locator('#bus-map .map-tooltip');
        await tooltip.waitFor();
        assert.ok((await tooltip.textContent()).includes(EVIL), await tooltip.textContent());

        // hover the bus line too: its label is the same markup
        const onLine = await page.$eval('#bus-map', (element) => {
            const map = element.mapLibreMap;
            const line = map.getSource('plan').serialize().data.features
                .find((f) => f.properties.kind === 'line');
            const [a, b] = line.geometry.coordinates;
            const middle = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
            map.jumpTo({ center: middle });
            return map.project(middle);
        });
        await page.mouse.move(box.x + onLine.x, box.y + onLine.y);
        await page.waitForTimeout(300);

        const found = await page.evaluate(() => ({
            images: document.querySelectorAll('img[src="x"], img[onerror]').length,
            xss: window.__xss,
        }));
        assert.equal(found.images, 0, 'no element made from a label');
        assert.equal(found.xss, undefined, 'no handler from a label ran');
        const drawn = await page.$eval('#bus-map', (element) => element.mapLibreMap
            .getSource('plan').serialize().data.features.filter((f) => f.properties.kind
                === 'line').length);
        assert.equal(drawn, await page.locator('.bus-sheet').count(), 'one line per sheet');
        await page.locator('#bus-map').screenshot({ path: `${SHOTS}/basemap-plan.png` });
        assert.deepEqual(outsideRequests(page), []);
        assert.deepEqual(page.errors, []);
    });
});

describe('the base map on the police case view', () => {
    let browser;
    let page;
    before(async () => {
        // a driver reports an accident with someone hurt: it goes to the police to review
        const phone = freshPhone();
        const { devCode } = await call('POST', '/auth/otp/request', { phone });
        const { token } = await call('POST', '/auth/otp/verify', { phone, code: devCode });
        const digits = () => String(Math.floor(10000 + Math.random() * 89999));
        const reported = await call('POST', '/accidents', { lat: GUIXI_CENTRE.lat,
            lon: GUIXI_CENTRE.lon, plates: [`浙F${digits()}`, `浙F${digits()}`],
            weather: 'SUNNY', accidentForm: 'SCRAPE', ignoreDuplicates: true }, token);
        await call('POST', `/accidents/${reported.id}/checklist`, { anyoneInjured: true,
            vehiclesDrivable: true, allInsured: true, drinkOrDrugs: false, facilityHit: false,
            hazardousGoods: false }, token);

        browser = await launchBrowser();
        page = await openPage(await desktopContext(browser));
        await signInThroughApi(page, { username: 'police1' }, `/#/police/accidents/${reported.id}`);
        await page.waitForSelector('#police-case-map[data-map=loaded]', { timeout: 30_000 });
        await mapIdle(page, '#police-case-map');
    });
    after(async () => { await browser?.close(); });

    test('shows the pin and the road of the case, from our server only', async () => {
        assert.ok(await page.locator('#police-case-map .case-pin').isVisible(), 'the pin');
        const highlighted = await page.$eval('#police-case-map', (element) => element
            .mapLibreMap.queryRenderedFeatures({ layers: ['highlight-road'] }).length);
        assert.ok(highlighted > 0, 'the snapped road drawn');
        assert.match(await page.locator('#police-case-map .maplibregl-ctrl-attrib')
            .textContent(), /© OpenStreetMap contributors/);
        await page.locator('#police-case-map').screenshot({ path: `${SHOTS}/basemap-police.png` });
        assert.deepEqual(outsideRequests(page), []);
        assert.deepEqual(page.errors, []);
    });
});
