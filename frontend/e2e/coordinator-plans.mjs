// The steps of the coordinator's plan review, shared by coordinator-plans.test.mjs and the
// issue's whole walk in coordinator-desk.test.mjs (import → plan → review → print). Not a test
// file: importing a *.test.mjs would run its suite again in the importer's process.
import assert from 'node:assert/strict';
import {
    openPage, phoneContext, signInThroughApi,
} from './browser.mjs';
import { callApi, coordinatorToken, demoSchool, finishedJob } from './bus-api.mjs';
import { checkWords } from './quality.mjs';

export const SHOTS = process.env.SCREENSHOT_DIR ?? '../target/screenshots';
export const PARENT_PHONE = '13900000001';

const call = callApi;

/**
 * Waits for the demo school, gives the optimizer `solverSeconds` a run, and makes sure a plan is
 * published (planned and published through the API when none is), so there is one to compare
 * with. Returns the school.
 */
export async function demoSchoolWithPublishedPlan({ solverSeconds = 3 } = {}) {
    const token = await coordinatorToken();
    const school = await demoSchool(token);
    const policy = await call('GET', `/bus/schools/${school.id}/policy`, null, token);
    await call('PUT', `/bus/schools/${school.id}/policy`, { ...policy, solverSeconds }, token);
    const plans = await call('GET', `/bus/schools/${school.id}/plans`, null, token);
    if (!plans.some((p) => p.state === 'published')) {
        const done = await finishedJob(token,
            await call('POST', `/bus/schools/${school.id}/plans`, {}, token));
        assert.equal(done.status, 'done');
        await call('POST', `/bus/plans/${done.planId}/publish`, { run: 'both' }, token);
    }
    return school;
}

/** Presses 开始规划, sees the progress bar move with a cancel button, waits for the plan. */
export async function runPlan(page) {
    await page.click('#bus-plan');
    await page.waitForSelector('#bus-summary-pending');
    await page.waitForSelector('#bus-progress', { timeout: 60_000 });
    assert.ok(await page.locator('#bus-cancel').isVisible());
    // the bar moves once the optimizer runs: time used of its limit
    await page.waitForFunction(() => document.querySelector('#bus-progress')?.value > 0,
        null, { timeout: 120_000 });
    assert.match(await page.locator('#bus-progress-text').textContent(), /已用 \d+ 秒 \/ 约 \d+ 秒/);
    await page.screenshot({ path: `${SHOTS}/coordinator-plans-progress.png` });
    await page.waitForFunction(() => /规划完成|规划失败/.test(
        document.querySelector('#bus-status').textContent), null, { timeout: 180_000 });
    assert.match(await page.locator('#bus-status').textContent(), /规划完成/);
    await page.waitForSelector('#plan-list tbody tr[data-state=draft]');
}

/** Compares the newest draft with the published plan, side by side. */
export async function comparePlans(page) {
    await page.locator('#plan-list tbody tr').first().locator('.plan-compare').click();
    await page.waitForSelector('#plan-compare-table');
    const heads = await page.locator('#plan-compare-table thead th').allTextContents();
    assert.match(heads.join(' '), /已发布（第 \d+ 版）/);
    assert.match(heads.join(' '), /草稿（第 \d+ 版）/);
    assert.match(await page.locator('#plan-compare').textContent(), /最长步行/);
    await page.click('#plan-compare details.plan-changes summary');
    await page.screenshot({ path: `${SHOTS}/coordinator-plans-compare.png`, fullPage: true });
}

/**
 * Moves the household labelled `label` to the nearest stop the rules allow, trying the stops in
 * the page's order: those whose buses have a seat for it first, each group nearest first. A stop
 * named in `avoid` is passed over: the one the family's published plan already has, where the
 * parent would see no change (a solver that finds the same plan twice offers the same move).
 * Returns the stop's name.
 */
export async function moveHousehold(page, label, { avoid = [] } = {}) {
    const option = page.locator('#edit-household option', { hasText: label }).first();
    await page.selectOption('#edit-household', await option.getAttribute('value'));
    const stops = await page.locator('#edit-stop option').evaluateAll((options) =>
        options.map((o) => ({ value: o.value, text: o.textContent ?? '',
            room: o.getAttribute('data-room') === 'true' })));
    const firstFull = stops.findIndex((s) => !s.room);
    assert.ok(firstFull === -1 || stops.slice(firstFull).every((s) => !s.room),
        'stops with a seat come first');
    assert.ok(stops.every((s) => s.room || s.text.includes('所乘车辆已无空座')),
        'a stop whose bus is full says so');
    for (const stop of stops) {
        const name = stop.text.replace(/（直线约 \d+ 米(，所乘车辆已无空座)?）$/, '');
        if (avoid.includes(name)) continue;
        await page.selectOption('#edit-stop', stop.value);
        const answered = page.waitForResponse((r) => r.url().includes('/move-household'));
        await page.click('#edit-move');
        const response = await answered;
        const message = page.locator('#plan-review-message');
        if (response.status() === 201) {
            await page.waitForFunction(() => /已保存为第 \d+ 版/.test(
                document.querySelector('#plan-review-message').textContent)).catch(
                async (error) => {
                    throw new Error(`${error.message}; the page says "${await message
                        .textContent()}"; page errors: ${page.errors?.join('; ')}`);
                });
            await page.screenshot({ path: `${SHOTS}/coordinator-plans-moved.png`, fullPage: true });
            return name;
        }
        // a rule refused it, in plain Chinese: try the next stop
        assert.equal(response.status(), 422, await response.text());
        await page.waitForSelector('#plan-review-message.form-error');
        assert.match(await message.textContent(), /超过规定|座位|没有/);
    }
    throw new Error(`no stop the rules allow for ${label}`);
}

/** Publishes the plan shown (the newest version) for the evening and the morning. */
export async function publish(page) {
    const row = page.locator('#plan-list tbody tr.plan-shown');
    await row.locator('.plan-publish').click();
    await page.waitForSelector('#plan-list tbody tr.plan-shown[data-state=published]');
    assert.match(await page.locator('#plan-review-message').textContent(), /已发布晚上和早上/);
}

/** The parent's page (the demo parent's, or `phone`'s) shows `stopName` as the child's stop. */
export async function parentSeesStop(browser, stopName, phone = PARENT_PHONE) {
    const parent = await openPage(await phoneContext(browser));
    await signInThroughApi(parent, { phone }, '/#/child-bus');
    await parent.waitForSelector('.child-card');
    const named = new RegExp(stopName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    assert.match(await parent.locator('.child-stop').first().textContent(), named);
    // published today over an earlier plan: the change is said, and the way there in words
    assert.match(await parent.locator('.child-changes').first().textContent(), named);
    assert.ok(await parent.locator('.child-walk li').count() > 0, 'walking directions');
    assert.match(await parent.locator('.child-walk').first().textContent(), named);
    await parent.waitForSelector('.child-map[data-roads=loaded]');
    await parent.screenshot({ path: `${SHOTS}/coordinator-plans-parent.png`, fullPage: true });
    await checkWords(parent, 'coordinator-plans-parent-words');
    assert.deepEqual(parent.errors, []);
    return parent;
}

/**
 * Locks the first evening line of the plan shown and re-plans the rest, watching the bar; the
 * new draft keeps that line's stops in order.
 */
export async function lockAndReplan(page) {
    const sheet = page.locator('.bus-sheet[data-line="1"] .bus-stops tbody');
    const before = await sheet.locator('td:nth-child(2)').allTextContents();
    await page.locator('#plan-lock input[type=checkbox]').first().check();
    await page.click('#edit-replan');
    await page.waitForSelector('#bus-progress', { timeout: 60_000 });
    await page.waitForFunction(() => /规划完成|规划失败/.test(
        document.querySelector('#bus-status').textContent), null, { timeout: 180_000 });
    assert.match(await page.locator('#bus-status').textContent(), /规划完成/);
    assert.deepEqual(await sheet.locator('td:nth-child(2)').allTextContents(), before,
        'the locked line keeps its stops in order');
    await page.screenshot({ path: `${SHOTS}/coordinator-plans-locked.png`, fullPage: true });
}
