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

/** Chooses the household labelled `label` in the edit form. */
async function chooseHousehold(page, label) {
    const option = page.locator('#edit-household option', { hasText: label }).first();
    await page.selectOption('#edit-household', await option.getAttribute('value'));
}

/** Chooses the household labelled `label`; answers the stops the page offers it, in order. */
async function offeredStops(page, label) {
    await chooseHousehold(page, label);
    const stops = await page.locator('#edit-stop option').evaluateAll((options) =>
        options.map((o) => ({ value: o.value, text: o.textContent ?? '',
            room: o.getAttribute('data-room') === 'true' })));
    const firstFull = stops.findIndex((s) => !s.room);
    assert.ok(firstFull === -1 || stops.slice(firstFull).every((s) => !s.room),
        'stops with a seat come first');
    assert.ok(stops.every((s) => s.room || s.text.includes('所乘车辆已无空座')),
        'a stop whose bus is full says so');
    return stops.map((s) => ({ ...s,
        name: s.text.replace(/（直线约 \d+ 米(，所乘车辆已无空座)?）$/, '') }));
}

/**
 * Presses 调整 for the household and stop chosen; answers the server's status and error code.
 * A refusal is said in plain Chinese; a move shows the new version.
 */
async function pressMove(page, stopValue) {
    await page.selectOption('#edit-stop', stopValue);
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
        return { status: 201 };
    }
    // a rule refused it, in plain Chinese
    assert.equal(response.status(), 422, await response.text());
    await page.waitForSelector('#plan-review-message.form-error');
    assert.match(await message.textContent(), /超过规定|座位|没有/);
    return { status: 422, code: (await response.json()).code };
}

/**
 * Presses 调整 for each stop in turn until the rules allow one: answers that stop (none when
 * every one was refused) and the codes of the refusals.
 */
async function firstAllowed(page, stops) {
    const refused = [];
    for (const stop of stops) {
        const { status, code } = await pressMove(page, stop.value);
        if (status === 201) return { stop, refused };
        refused.push({ stop, code });
    }
    return { refused };
}

/** The plan the page shows, as the API gives it to the page's own session. */
async function shownPlan(page) {
    const planId = await page.locator('#plan-list tbody tr.plan-shown').getAttribute('data-plan');
    const token = await page.evaluate(() => sessionStorage.getItem('anxing.token'));
    return callApi('GET', `/bus/plans/${planId}`, null, token);
}

const RUNS = ['evening', 'morning'];
const lineOf = (household, run) => (run === 'evening'
    ? household.eveningLine : household.morningLine);
const lineAt = (plan, run, stopId) => plan[run].lines.find((line) =>
    line.stops.some((at) => at.stopId === stopId));

/**
 * Makes room for `household` on the buses calling at `stopId`, as a coordinator would: for each
 * run whose bus there is full, moves another family of that bus to a stop of another bus with a
 * seat, trying the families and their stops in the page's order until the rules allow one.
 */
async function makeRoom(page, household, stopId) {
    for (const run of RUNS) {
        const plan = await shownPlan(page);
        const line = lineAt(plan, run, stopId);
        assert.ok(line, `a ${run} bus calls at the stop`);
        if (line.number === lineOf(household, run)
            || line.capacity - line.students >= household.students) continue;
        const onBoard = plan.households.filter((other) => lineOf(other, run) === line.number
            && other.householdId !== household.householdId);
        let freed;
        for (const other of onBoard) {
            ({ stop: freed } = await firstAllowed(page, (await offeredStops(page, other.label))
                .filter((s) => s.room && lineAt(plan, run, s.value)?.number !== line.number)));
            if (freed) break;
        }
        assert.ok(freed, `no family of the full ${run} bus ${line.name} could move elsewhere`);
    }
}

/**
 * Moves the household labelled `label` to the nearest stop the rules allow, trying the stops in
 * the page's order: those whose buses have a seat for it first, each group nearest first. A stop
 * named in `avoid` is passed over: the one the family's published plan already has, where the
 * parent would see no change (a solver that finds the same plan twice offers the same move).
 * When the only stops within the walk are on full buses (a plan fills its buses), room is made
 * first on the nearest of them by moving another family off. Returns the stop's name.
 */
export async function moveHousehold(page, label, { avoid = [] } = {}) {
    const stops = (await offeredStops(page, label)).filter((s) => !avoid.includes(s.name));
    const { stop, refused } = await firstAllowed(page, stops);
    if (stop) return moved(page, stop.name);
    const full = refused.filter((r) => r.code === 'PLAN_EDIT_OVER_CAPACITY').map((r) => r.stop);
    assert.ok(full.length > 0, `no stop within the walk for ${label}`);
    const household = (await shownPlan(page)).households.find((hh) => hh.label === label);
    await makeRoom(page, household, full[0].value);
    await chooseHousehold(page, label);
    const { status, code } = await pressMove(page, full[0].value);
    assert.equal(status, 201, `${label} to ${full[0].name} once room was made: ${code}`);
    return moved(page, full[0].name);
}

/** Keeps a screenshot of the plan with the move made; answers the stop's name. */
async function moved(page, name) {
    await page.screenshot({ path: `${SHOTS}/coordinator-plans-moved.png`, fullPage: true });
    return name;
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
