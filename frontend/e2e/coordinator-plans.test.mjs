// The coordinator's plan review on a desktop: runs a plan and watches the progress bar, compares
// the new draft with the published plan, moves the demo parent's household to another stop,
// publishes; the parent then sees the new stop. The steps are in coordinator-plans.mjs.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import {
    DEMO_PASSWORD, desktopContext, launchBrowser, openPage, phoneContext,
    signInThroughApi,
} from './browser.mjs';
import { callApi } from './bus-api.mjs';
import {
    PARENT_PHONE, SHOTS, comparePlans, demoSchoolWithPublishedPlan, lockAndReplan,
    moveHousehold, parentSeesStop, publish, runPlan,
} from './coordinator-plans.mjs';

const call = callApi;

describe('plan review: run, compare, move a household, publish, the parent sees it', () => {
    let browser;
    let page;
    let label;
    /** The stop the family's published plan has now. */
    let published;
    before(async () => {
        mkdirSync(SHOTS, { recursive: true });
        await demoSchoolWithPublishedPlan();
        browser = await launchBrowser();
        const parent = await openPage(await phoneContext(browser));
        const { token } = await signInThroughApi(parent, { phone: PARENT_PHONE });
        const [child] = await call('GET', '/bus/my-children', null, token);
        label = child.label;
        published = child.stop?.name;
        page = await openPage(await desktopContext(browser));
        await signInThroughApi(page, { username: 'coord1', password: DEMO_PASSWORD }, '/#/bus');
        try {
            await page.waitForSelector('#bus-map[data-roads=loaded]', { timeout: 60_000 });
            await page.waitForSelector('#plan-list tbody tr');
        } catch (error) {
            await page.screenshot({ path: `${SHOTS}/coordinator-plans-failed.png`, fullPage: true });
            throw new Error(`${error.message}; page errors: ${page.errors.join('; ')}`,
                { cause: error });
        }
    });
    after(async () => { await browser?.close(); });

    test('the coordinator runs a plan and watches the bar; the old summary is not shown as new',
        async () => { await runPlan(page); });

    test('compares the new draft with the published plan', async () => {
        await comparePlans(page);
    });

    let stop;
    test("moves the parent's household to another stop: a new version, checked by the rules",
        async () => { stop = await moveHousehold(page, label, { avoid: [published] }); });

    test('publishes it, and the parent sees the new stop', async () => {
        await publish(page);
        await page.screenshot({ path: `${SHOTS}/coordinator-plans-published.png`, fullPage: true });
        await parentSeesStop(browser, stop);
        assert.deepEqual(page.errors, []);
    });

    test('locks a line and re-plans the rest; the locked line comes back as it was',
        async () => {
            await lockAndReplan(page);
            assert.deepEqual(page.errors, []);
        });

    test('a plan started by mistake is cancelled from its bar, and nothing new is listed',
        async () => {
            const before = await page.locator('#plan-list tbody tr').count();
            await page.click('#bus-plan');
            await page.waitForSelector('#bus-cancel', { timeout: 60_000 });
            await page.click('#bus-cancel');
            await page.waitForFunction(() => /规划已取消/.test(
                document.querySelector('#bus-status')?.textContent ?? ''), null,
            { timeout: 60_000 });
            assert.equal(await page.locator('#plan-list tbody tr').count(), before);
            assert.ok(await page.locator('#bus-plan').isEnabled(), 'a new plan may be started');
            assert.deepEqual(page.errors, []);
        });
});
