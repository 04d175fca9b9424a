// The school bus pages: a coordinator plans the demo school and reads the plan on the map with
// a route sheet per bus; the demo parent sees their child's stop and times.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
    desktopContext, launchBrowser, openPage, outsideRequests,
    phoneContext, signInThroughApi,
} from './browser.mjs';
import { callApi, coordinatorToken, demoSchool } from './bus-api.mjs';

const PARENT_PHONE = '13900000001';

/**
 * Waits for the bus demo, then gives its optimizer 3 s per run, so the page's plan takes
 * seconds.
 */
async function quickPolicy() {
    const token = await coordinatorToken();
    // the demo's households appear once the server has loaded the road network
    const school = await demoSchool(token);
    const policy = await callApi('GET', `/bus/schools/${school.id}/policy`, null, token);
    await callApi('PUT', `/bus/schools/${school.id}/policy`, { ...policy, solverSeconds: 3 },
        token);
}

describe('school bus planning', () => {
    let browser;
    let page;
    before(async () => {
        await quickPolicy();
        browser = await launchBrowser();
        page = await openPage(await desktopContext(browser));
        await signInThroughApi(page, { username: 'coord1', password: 'anxing-demo' }, '/#/bus');
        // the first map of a fresh server renders its tiles: slow on a busy machine
        await page.waitForSelector('#bus-map[data-roads=loaded]', { timeout: 60_000 });
    });
    after(async () => { await browser?.close(); });

    test('shows the demo school with its households and buses', async () => {
        assert.match(await page.locator('#bus-counts').textContent(), /400 户家庭.*10 辆车/);
    });

    test('plans, shows the progress, then the lines, stops and a route sheet per bus', async () => {
        await page.click('#bus-plan');
        await page.waitForSelector('#bus-status:not([hidden])');
        await page.waitForFunction(() => /规划完成|规划失败/.test(
            document.querySelector('#bus-status').textContent), null, { timeout: 180_000 });
        assert.match(await page.locator('#bus-status').textContent(), /规划完成/);
        const sheets = await page.locator('.bus-sheet').count();
        assert.ok(sheets >= 1 && sheets <= 10, `route sheets: ${sheets}`);
        assert.match(await page.locator('#bus-summary-line').textContent(), /服务 \d+\/400 户/);
        // the bus lines drawn: the plan layer's line features on the MapLibre base map
        const drawn = await page.$eval('#bus-map', (element) => element.mapLibreMap
            .getSource('plan').serialize().data.features
            .filter((feature) => feature.properties.kind === 'line').length);
        assert.equal(drawn, sheets, 'one line drawn per route sheet');
        await page.locator('.bus-sheet summary').first().click();
        assert.ok(await page.locator('.bus-sheet[open] .bus-directions li').count() >= 2);
        assert.deepEqual(outsideRequests(page), []);
        assert.deepEqual(page.errors, []);
    });

    test('publishes the new plan for parents: the draft becomes published', async () => {
        const row = page.locator('#plan-list tbody tr').first();
        assert.equal(await row.getAttribute('data-state'), 'draft');
        await row.locator('.plan-publish').click();
        await page.waitForSelector('#plan-list tbody tr[data-state=published]');
        assert.match(await page.locator('#plan-review-message').textContent(), /已发布晚上和早上/);
        assert.deepEqual(page.errors, []);
    });

    test('switches to the morning run and to English', async () => {
        await page.click('button[data-run=morning]');
        assert.equal(await page.getAttribute('button[data-run=morning]', 'aria-selected'), 'true');
        await page.click('#language-toggle');
        assert.match(await page.locator('#bus-summary-line').textContent(), /Serves \d+\/400/);
        await page.click('#language-toggle');
    });
});

describe("a parent's view of the child's bus", () => {
    let browser;
    let page;
    before(async () => {
        browser = await launchBrowser();
        page = await openPage(await phoneContext(browser));
        await signInThroughApi(page, { phone: PARENT_PHONE }, '/#/child-bus');
        await page.waitForSelector('.child-card');
    });
    after(async () => { await browser?.close(); });

    test('shows the stop, the evening and morning times and the stop on a map', async () => {
        const card = page.locator('.child-card').first();
        assert.equal(await card.getAttribute('data-status'), 'SERVED');
        assert.match(await card.locator('.child-stop').textContent(), /上下车站点：.+（步行约 \d+ 米）/);
        assert.match(await card.locator('.child-evening').textContent(), /21:\d\d 从学校出发/);
        assert.match(await card.locator('.child-morning').textContent(), /到站接车/);
        await page.waitForSelector('.child-map[data-roads=loaded]');
        assert.ok(await page.locator('.child-map .child-stop-pin').isVisible());
        assert.deepEqual(page.errors, []);
    });
});
