// The coordinator desk end to end (issue 13), on a desktop: a school's household list exported
// from Excel on a Chinese Windows (GBK, positions from Amap in GCJ-02) has two bad lines; the
// report names both and nothing is stored; the fixed file is imported; the coordinator runs a
// plan and watches the bar, compares it with the published plan, moves one household to another
// stop, publishes, and downloads the driver's route sheet; the family then sees the new stop on
// the parent's page. The steps are those of coordinator-import, coordinator-plans and
// route-sheet; this file walks them in one go on a school of its own, so the demo school the
// other tests use is left as it is.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import {
    BASE_URL, DEMO_PASSWORD, desktopContext, launchBrowser, openPage, signInThroughApi,
} from './browser.mjs';
import {
    HEADER, fixAndImport, gbkCsv, gcj02, importFile, openRegister,
} from './coordinator-import.mjs';
import {
    comparePlans, moveHousehold, parentSeesStop, publish, runPlan,
} from './coordinator-plans.mjs';
import { callApi, finishedJob } from './bus-api.mjs';
import { downloadFrom, downloadRouteSheet, textOfPdf } from './print.mjs';
import { checkWords } from './quality.mjs';

const SCHOOL = '贵溪校车全流程试点学校';
const PARENT = '13912340001';
/** The household the coordinator moves, and its pupil's name on the driver's sheet. */
const MOVED = 'QL-01';
const PUPIL = '陈小雨';

/** The API as the coordinator (`token`); fails on any answer but 2xx. */
const call = (token, method, path, body) => callApi(method, path, body, token);
const finished = finishedJob;

describe('the coordinator desk: import, plan, compare, edit, publish, print; the parent sees it',
    () => {
        let browser;
        let page;
        let token;
        let school;
        /** Twelve homes around the school (metres north and east), two pupils at most each. */
        const homes = [[180, 60], [260, -120], [340, 200], [-150, 90], [-260, -80], [120, 380],
            [-90, -330], [420, -40], [-380, 160], [60, -460], [300, 320], [-220, 300]];
        const names = [PUPIL, '王一鸣', '李思琪、李思远', '张浩然', '刘梓涵', '赵子墨', '孙雨桐',
            '周可馨', '吴俊熙', '郑书瑶', '冯一诺', '何沐阳'];
        const lines = () => homes.map(([north, east], i) => {
            const { lat, lon } = gcj02(school.lat + north / 111_000,
                school.lon + east / (111_000 * Math.cos(school.lat * Math.PI / 180)));
            const code = `QL-${String(i + 1).padStart(2, '0')}`;
            const phone = i === 0 ? PARENT : `1391234${String(1000 + i)}`;
            const count = names[i].split('、').length;
            return `${code},${names[i]},${count},${phone},,${lat.toFixed(6)},${lon.toFixed(6)},高德`;
        });

        before(async () => {
            await mkdir(process.env.SCREENSHOT_DIR ?? '../target/screenshots', { recursive: true });
            browser = await launchBrowser();
            page = await openPage(await desktopContext(browser));
            ({ token } = await signInThroughApi(page, { username: 'coord1',
                password: DEMO_PASSWORD }, '/#/bus/register'));
            // the school and its two buses, as the register tabs make them (coordinator-import
            // walks those tabs): here through the same API, to start at the household list
            const [demo] = await call(token, 'GET', '/bus/schools');
            school = await call(token, 'POST', '/bus/schools', { name: SCHOOL, lat: demo.lat,
                lon: demo.lon, eveningDismissal: '17:10', morningArrival: '07:30' });
            for (const [label, plate, driver] of [['一号车', '赣L·X1001', '黄师傅'],
                ['二号车', '赣L·X1002', '林师傅']]) {
                await call(token, 'POST', `/bus/schools/${school.id}/register/buses`, {
                    label, plate, capacity: 12, driverName: driver, driverPhone: '13870001111' });
            }
            const policy = await call(token, 'GET', `/bus/schools/${school.id}/policy`);
            await call(token, 'PUT', `/bus/schools/${school.id}/policy`,
                { ...policy, solverSeconds: 3 });
            // the register as it is now, with the new school in its list
            await page.reload();
        });
        after(async () => { await browser?.close(); });

        test('a GBK file with two bad lines: both reported by line and column, nothing stored',
            async () => {
                await openRegister(page, SCHOOL);
                const good = lines();
                // a phone number short of digits, and a home from the wrong map (Pinghu town,
                // not this extract)
                const shortPhone = good[3].replace(/,1391234\d{4},/, ',1391234,');
                const elsewhere = good[7].replace(/,[\d.]+,[\d.]+,高德$/, ',30.698700,121.015400,高德');
                const problems = await importFile(page, gbkCsv([HEADER, ...good.slice(0, 3),
                    shortPhone, ...good.slice(4, 7), elsewhere, ...good.slice(8)]));
                assert.deepEqual(problems.map((p) => p.line), [5, 9], JSON.stringify(problems));
                assert.match(problems[0].text, /电话/);
                assert.match(problems[1].text, /地图/);
                assert.match(await page.textContent('#import-report'), /GCJ-02|高德/);
                assert.equal(await page.locator('#import-accept').count(), 0,
                    'no import is offered while the file has problems');
                await checkWords(page, 'desk-1-import-problems');
                const stored = await call(token, 'GET', `/bus/schools/${school.id}/register`);
                assert.equal(stored.households.length, 0, 'nothing stored');
            });

        test('the fixed file is imported, every line', async () => {
            assert.equal(await fixAndImport(page, gbkCsv([HEADER, ...lines()])), homes.length);
            await checkWords(page, 'desk-2-imported');
            const stored = await call(token, 'GET', `/bus/schools/${school.id}/register`);
            assert.equal(stored.households.length, homes.length);
            // a plan published before, the one parents see now: to compare the new one with
            const job = await finished(token,
                await call(token, 'POST', `/bus/schools/${school.id}/plans`, {}));
            assert.equal(job.status, 'done', JSON.stringify(job));
            await call(token, 'POST', `/bus/plans/${job.planId}/publish`, { run: 'both' });
        });

        test('a new plan: the bar, the comparison, a household moved by hand, published',
            async () => {
                await page.goto(`${BASE_URL}/#/bus`);
                await page.waitForSelector('#bus-map[data-roads=loaded]', { timeout: 60_000 });
                await page.waitForSelector('#plan-list tbody tr');
                await page.selectOption('#bus-school', { label: SCHOOL });
                await page.waitForFunction((n) => document.querySelector('#bus-counts')
                    ?.textContent?.startsWith(`${n} 户家庭`), homes.length);
                // this school's one plan, the published one
                await page.waitForFunction(() => {
                    const rows = document.querySelectorAll('#plan-list tbody tr');
                    return rows.length === 1 && rows[0].getAttribute('data-state') === 'published';
                });
                await runPlan(page);
                await comparePlans(page);
                await checkWords(page, 'desk-3-compare');
                const moved = await moveHousehold(page, MOVED);
                // and names that stop as the families say it: one more version, the name on
                // the driver's sheet, the notice and the parent's page
                const stop = '贵溪试点学校东侧候车点';
                const saved = await page.textContent('#plan-review-message');
                await page.selectOption('#rename-stop', { label: moved });
                await page.fill('#rename-name', stop);
                await page.click('#edit-rename');
                await page.waitForFunction((before) => {
                    const said = document.querySelector('#plan-review-message')?.textContent;
                    return said !== before && /已保存为第 \d+ 版/.test(said ?? '');
                }, saved);
                await publish(page);
                await checkWords(page, 'desk-4-published');

                // the driver's sheet of the line that now carries the moved pupil
                const plan = await call(token, 'GET', `/bus/schools/${school.id}/plans/latest`);
                const entry = plan.households.find((h) => h.label === MOVED);
                assert.ok(entry, JSON.stringify(plan.households));
                assert.ok(entry.eveningLine, 'the moved household has a seat in the evening');
                const sheet = await downloadRouteSheet(page, { run: 'evening',
                    line: entry.eveningLine });
                assert.match(sheet.name, /路线单\.pdf$/);
                for (const words of [SCHOOL, '赣L·X1', PUPIL, stop, '下车']) {
                    assert.ok(sheet.text.includes(words), `the sheet says ${words}`);
                }
                assert.doesNotMatch(sheet.text, /无名路站|中途点/);
                assert.match(sheet.text, /黄师傅|林师傅/, 'the driver is named');
                assert.doesNotMatch(sheet.text, /\d\d:\d\d:\d\d/, 'times to the minute');
                // and the family's notice, printed by the coordinator for that household
                await page.selectOption('#bus-print-household', entry.householdId);
                const notice = await downloadFrom(page, 'button[data-print=household-notice]');
                assert.equal(notice.name, `${MOVED}-校车乘车通知.pdf`);
                const words = await textOfPdf(notice.bytes);
                for (const said of [stop, '步行', '赣L·X1']) {
                    assert.ok(words.includes(said), `the notice says ${said}: ${words}`);
                }
                assert.doesNotMatch(words, /无名路站|中途点|\d\d:\d\d:\d\d/);

                await parentSeesStop(browser, stop, PARENT);
                assert.deepEqual(page.errors, []);
            });
    });
