// The road map page (#/map) on our own base map (MapLibre on our vector tiles): centred on the
// map's middle, the OSM credit, a tap finds the nearest road, and nothing is asked of any
// server but ours (the pages run on an intranet).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import {
    BASE_URL, freshPhone, launchBrowser, openPage, outsideRequests, phoneContext, signInThroughApi,
} from './browser.mjs';
import { checkWords } from './quality.mjs';

const SHOTS = process.env.SCREENSHOT_DIR ?? '../target/screenshots';
/** The old town of Guixi (the demo map), by the crossing of 西街, 雄石路 and 交通路. */
const GUIXI_CENTRE = { lat: 28.2857, lon: 117.2020 };
const TILE = /\/api\/v1\/map\/tiles\/(\d+)\/\d+\/\d+\.pbf$/;

// Until the routing feature serves /api/v1/map/*, these tests say so as skipped (not passed).
const mapInfo = await fetch(`${BASE_URL}/api/v1/map/info`).catch(() => null);
const noMapApi = mapInfo?.status === 404 && 'the server has no /api/v1/map API yet';

/** Waits until MapLibre has drawn everything it asked for. */
function mapIdle(page) {
    return page.$eval('#road-map', (element) => new Promise((resolve) => {
        const map = element.mapLibreMap;
        if (map.loaded() && !map.isMoving()) resolve();
        map.once('idle', () => resolve());
        map.triggerRepaint();
    }));
}

describe('the road map', { skip: noMapApi }, () => {
    let browser;
    let page;
    /** The map's middle and extent, as the server gives them to the page. */
    let info;
    before(async () => {
        await mkdir(SHOTS, { recursive: true });
        browser = await launchBrowser();
        const context = await phoneContext(browser);
        page = await openPage(context);
        await signInThroughApi(page, { phone: freshPhone() }, '/#/map');
        await page.waitForSelector('#road-map[data-map=loaded]', { timeout: 30_000 });
        await mapIdle(page);
        info = await page.evaluate(async () => (await fetch('./api/v1/map/info', { headers:
            { Authorization: `Bearer ${sessionStorage.getItem('anxing.token')}` } })).json());
    });
    after(async () => { await browser?.close(); });

    test('draws the base map around the map\'s middle from our own server', async () => {
        await page.locator('#road-map').screenshot({ path: `${SHOTS}/road-map.png` });
        await checkWords(page, 'road-map-page');
        const view = await page.$eval('#road-map', (element) => {
            const map = element.mapLibreMap;
            const { lat, lng } = map.getCenter();
            return { lat, lon: lng, zoom: map.getZoom() };
        });
        assert.ok(Math.abs(view.lat - info.center.lat) < 1e-4, `centre ${JSON.stringify(view)}`);
        assert.ok(Math.abs(view.lon - info.center.lon) < 1e-4, `centre ${JSON.stringify(view)}`);
        assert.ok(page.requests.some((url) => TILE.exec(url)?.[1] === String(Math.floor(view.zoom))),
            'tiles of the view from our server');
        assert.equal(await page.locator('.leaflet-container').count(), 0, 'no Leaflet left');
        assert.deepEqual(outsideRequests(page), []);
        assert.deepEqual(page.errors, []);
    });

    test('credits OpenStreetMap', async () => {
        const credit = page.locator('#road-map .maplibregl-ctrl-attrib');
        assert.ok(await credit.isVisible(), 'the credit is shown');
        assert.match(await credit.textContent(), /© OpenStreetMap contributors/);
    });

    test('a tap on a road shows the name the snap API gives for it', async () => {
        // the old town's streets: the map's middle may have no road a bus takes near it, and
        // the snap API places taps on those
        await page.$eval('#road-map', (element, centre) => element.mapLibreMap.jumpTo(
            { center: [centre.lon, centre.lat], zoom: 16 }), GUIXI_CENTRE);
        await mapIdle(page);
        const road = await roadPointInView(page);
        assert.ok(road, 'a road drawn inside the view');
        const snapped = await tapAndSnap(page, road);
        assert.equal(snapped.status, 200, JSON.stringify(snapped.body));

        const result = page.locator('.snap-result');
        await result.waitFor();
        assert.equal(await result.getAttribute('data-road-name'), snapped.body.roadName ?? '');
        assert.equal(await result.locator('.snap-road').textContent(),
            snapped.body.roadName || '无名道路');
        assert.ok(await page.locator('.snap-pin').isVisible(), 'pin at the road');
        // the pin's foot on the snapped point (MapLibre's pin ends in a shadow below its tip)
        const [tip, spot] = await page.$eval('#road-map', (element, { lat, lon }) => {
            const pin = element.querySelector('.snap-pin').getBoundingClientRect();
            const map = element.getBoundingClientRect();
            const at = element.mapLibreMap.project([lon, lat]);
            return [{ x: pin.left + pin.width / 2 - map.left, y: pin.bottom - map.top }, at];
        }, snapped.body);
        assert.ok(Math.hypot(tip.x - spot.x, tip.y - spot.y) < 10,
            `pin at ${JSON.stringify(tip)}, snapped point at ${JSON.stringify(spot)}`);
        await page.locator('#road-map').screenshot({ path: `${SHOTS}/road-map-snap.png` });
    });

    test('a tap the server cannot place on a road says why', async () => {
        // beyond the map's north-west corner: the base map goes there, the road network does not
        await page.$eval('#road-map', (element, { bounds }) => element.mapLibreMap.jumpTo(
            { center: [bounds.minLon - 0.02, bounds.maxLat + 0.02], zoom: 15 }), info);
        await mapIdle(page);
        const middle = await page.$eval('#road-map', (element) => (
            { x: element.clientWidth / 2, y: element.clientHeight / 2 }));
        const snapped = await tapAndSnap(page, middle);
        assert.notEqual(snapped.status, 200, JSON.stringify(snapped.body));
        assert.equal(snapped.body.code, 'OUTSIDE_MAP');

        const error = page.locator('.snap-error');
        await error.waitFor();
        assert.equal(await error.getAttribute('data-code'), snapped.body.code);
        assert.notEqual((await error.textContent()).trim(), '');
        assert.equal(await page.locator('.snap-result').count(), 0, 'the old result is gone');
        assert.equal(await page.locator('.snap-pin').count(), 0, 'the old pin is gone');
        await page.locator('#road-map').screenshot({ path: `${SHOTS}/road-map-error.png` });
    });

    test('zooming in loads the tiles of the new view', async () => {
        // the tiles go to zoom 16 (deeper views draw them larger), so zoom from 13 to 14
        await page.$eval('#road-map', (element, { center }) => element.mapLibreMap.jumpTo(
            { center: [center.lon, center.lat], zoom: 13 }), info);
        await mapIdle(page);
        const [request] = await Promise.all([
            page.waitForRequest((r) => TILE.exec(r.url())?.[1] === '14'),
            page.click('#road-map .maplibregl-ctrl-zoom-in'),
        ]);
        assert.ok(request.url().startsWith(BASE_URL), request.url());
        await mapIdle(page);
        assert.ok(Math.abs(await page.$eval('#road-map',
            (element) => element.mapLibreMap.getZoom()) - 14) < 1e-6);
        assert.deepEqual(outsideRequests(page), []);
    });
});

/**
 * A vertex of a road of the road network (a named one if any, from /api/v1/map/roads) in the
 * middle of the view, in container pixels: a road the snap API can place a tap on.
 */
function roadPointInView(page) {
    return page.$eval('#road-map', async (element) => {
        const map = element.mapLibreMap;
        const width = element.clientWidth;
        const height = element.clientHeight;
        const inside = (p) => p.x > width * 0.2 && p.x < width * 0.8
            && p.y > height * 0.2 && p.y < height * 0.8;
        const sw = map.unproject([width * 0.2, height * 0.8]);
        const ne = map.unproject([width * 0.8, height * 0.2]);
        const response = await fetch(`./api/v1/map/roads?bbox=${[sw.lng, sw.lat, ne.lng, ne.lat]
            .join(',')}`, { headers:
            { Authorization: `Bearer ${sessionStorage.getItem('anxing.token')}` } });
        const { features } = await response.json();
        const sorted = [...features].sort((a, b) => Number(!a.properties.name)
            - Number(!b.properties.name));
        for (const feature of sorted) {
            for (const position of feature.geometry.coordinates) {
                const point = map.project(position);
                if (inside(point)) return { x: point.x, y: point.y };
            }
        }
        return null;
    });
}

/** Taps the map at container pixel `point` and returns the snap API's answer. */
async function tapAndSnap(page, point) {
    const box = await page.locator('#road-map').boundingBox();
    const [response] = await Promise.all([
        page.waitForResponse((r) => r.url().includes('/api/v1/map/snap?')),
        page.mouse.click(box.x + point.x, box.y + point.y),
    ]);
    return { status: response.status(), body: await response.json() };
}
