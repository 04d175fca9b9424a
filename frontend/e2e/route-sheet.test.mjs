// Printing from the pages: the coordinator downloads a line's route sheet (PDF and CSV) and the
// school's stop list from the plan page; the demo parent prints their household's notice.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
    DEMO_PASSWORD, desktopContext, launchBrowser, openPage, phoneContext,
    signInThroughApi,
} from './browser.mjs';
import { callApi, coordinatorToken, demoSchool, finishedJob } from './bus-api.mjs';
import { downloadFrom, downloadRouteSheet, textOfPdf } from './print.mjs';

export { downloadRouteSheet };

const SHOTS = process.env.SCREENSHOT_DIR ?? '../target/screenshots';
const PARENT_PHONE = '13900000001';

/** Plans the demo school through the API (3 s per run) and waits for the plan. */
async function planTheDemo() {
    const token = await coordinatorToken();
    const school = await demoSchool(token);
    const job = await finishedJob(token,
        await callApi('POST', `/bus/schools/${school.id}/plans`, { solverSeconds: 3 }, token));
    assert.equal(job.status, 'done', JSON.stringify(job));
    return callApi('GET', `/bus/plans/${job.planId}`, null, token);
}

describe('printing the plan', () => {
    let browser;
    let plan;
    before(async () => {
        plan = await planTheDemo();
        browser = await launchBrowser();
    });
    after(async () => { await browser?.close(); });

    test('the coordinator downloads a route sheet (PDF, CSV) and the stop list', async () => {
        const page = await openPage(await desktopContext(browser));
        await signInThroughApi(page, { username: 'coord1', password: DEMO_PASSWORD }, '/#/bus');
        await page.waitForSelector('#bus-map[data-roads=loaded]', { timeout: 60_000 });
        await page.waitForSelector('#bus-print', { timeout: 30_000 });
        const line = plan.evening.lines[0];
        const sheet = await downloadRouteSheet(page, { run: 'evening', line: line.number });
        assert.match(sheet.name, /路线单\.pdf$/);
        const flat = sheet.text.replace(/\s+/g, '');
        assert.ok(flat.includes('校车线路单'), sheet.text);
        assert.ok(flat.includes(line.busLabel.replace(/\s+/g, '')), sheet.text);
        for (const stop of line.stops) {
            assert.ok(flat.includes(stop.stopName.replace(/\s+/g, '')), stop.stopName);
        }
        assert.match(flat, /下车/);
        assert.doesNotMatch(flat, /中途点|无名/);
        const csv = await downloadRouteSheet(page, { run: 'evening', line: line.number,
            format: 'csv' });
        // a byte order mark for Excel (TextDecoder reads past it)
        assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xEF, 0xBB, 0xBF]);
        assert.ok(csv.text.startsWith('线路,班次,车牌'), csv.text.slice(0, 40));
        const stops = await downloadFrom(page, '#bus-print button[data-print=stops-pdf]');
        assert.match(await textOfPdf(stops.bytes), /站点表/);
        await page.locator('#bus-print').screenshot({ path: `${SHOTS}/bus-print-links.png` });
        assert.deepEqual(page.errors, []);
    });

    test("the parent prints the household's notice from the child page", async () => {
        const page = await openPage(await phoneContext(browser));
        await signInThroughApi(page, { phone: PARENT_PHONE }, '/#/child-bus');
        await page.waitForSelector('.child-card button[data-print=notice]');
        await page.screenshot({ path: `${SHOTS}/bus-child-notice-link.png`, fullPage: true });
        const notice = await downloadFrom(page, '.child-card button[data-print=notice]');
        const text = (await textOfPdf(notice.bytes)).replace(/\s+/g, '');
        assert.match(text, /校车乘车通知/);
        assert.match(text, /晚自习放学.*早上到校/);
        assert.match(text, /从家步行到站点/);
        assert.doesNotMatch(text, /1[3-9]\d{9}/, 'no phone number on a notice');
        assert.deepEqual(page.errors, []);
    });
});
