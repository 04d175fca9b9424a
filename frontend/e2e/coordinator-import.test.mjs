// The coordinator desk's import on a desktop: a new school is made on the register page, a GBK
// CSV with GCJ-02 positions and two bad lines is checked (both lines in the report, nothing
// stored), the fixed file is imported, the households are listed and the one given by address
// only is pinned on the map. Screenshots go to SCREENSHOT_DIR (default target/screenshots).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import {
    BASE_URL, desktopContext, launchBrowser, openPage, outsideRequests, signInThroughApi,
} from './browser.mjs';
import { HEADER, fixAndImport, gbkCsv, gcj02, importFile, openRegister } from './coordinator-import.mjs';

export { fixAndImport, importFile } from './coordinator-import.mjs';

const SHOTS = process.env.SCREENSHOT_DIR ?? '../target/screenshots';
const SCHOOL = '桂溪导入测试中学';

describe('the coordinator imports a household list', () => {
    let browser;
    let page;
    let centre;
    let token;

    /** A line with the home `north` metres north of the school, in GCJ-02 as Amap gives it. */
    const line = (code, names, phone, north) => {
        const { lat, lon } = gcj02(centre.lat + north / 111_000, centre.lon);
        return `${code},${names},,${phone},,${lat.toFixed(6)},${lon.toFixed(6)},高德`;
    };
    /** The API as the signed-in coordinator. */
    const read = async (path) => {
        const response = await page.context().request.get(`${BASE_URL}/api/v1${path}`,
            { headers: { Authorization: `Bearer ${token}` } });
        assert.ok(response.ok(), `${path}: ${response.status()}`);
        return response.json();
    };
    const households = async () => {
        const id = await page.locator('#register-school').inputValue();
        return (await read(`/bus/schools/${id}/register`)).households;
    };

    before(async () => {
        await mkdir(SHOTS, { recursive: true });
        browser = await launchBrowser();
        page = await openPage(await desktopContext(browser));
        ({ token } = await signInThroughApi(page, { username: 'coord1' }, '/#/bus/register'));
        [centre] = await read('/bus/schools');
        assert.ok(centre, 'the demo school is there');
    });
    after(async () => { await browser?.close(); });

    test('a new school is added on the 学校 tab', async () => {
        await page.waitForSelector('#register-school-new');
        await page.fill('#register-school-new input[name=name]', SCHOOL);
        // the position from a click on the map (centred on the demo school), not typed
        await page.waitForSelector('#register-school-map[data-roads=loaded]');
        const map = page.locator('#register-school-map');
        const box = await map.boundingBox();
        // on the element, so it is scrolled into view first (it is below the forms)
        await map.click({ position: { x: box.width / 2, y: box.height / 2 } });
        const lat = Number(await page.inputValue('#register-school-new input[name=lat]'));
        const lon = Number(await page.inputValue('#register-school-new input[name=lon]'));
        assert.ok(Math.abs(lat - centre.lat) < 0.001 && Math.abs(lon - centre.lon) < 0.001,
            `the map's point ${lat}, ${lon} is the school's`);
        await page.click('#register-school-new button[type=submit]');
        await page.waitForFunction((name) => [...document.querySelectorAll(
            '#register-school-list td')].some((td) => td.textContent === name), SCHOOL);
        await openRegister(page, SCHOOL);
        await page.waitForSelector('#register-school-edit h2 >> text=' + SCHOOL);
        await page.waitForSelector('#register-school-map[data-roads=loaded]');
        // from the top: a full-page shot of a scrolled page repeats the sticky header
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: `${SHOTS}/register-schools.png`, fullPage: true });
    });

    test('a bus is added and edited on the 校车 tab; a bad phone is shown under its field',
        async () => {
            await page.click('#register-tab-buses');
            const form = '#register-bus-form';
            await page.fill(`${form} input[name=label]`, '一号车');
            await page.fill(`${form} input[name=plate]`, '赣L·D1234');
            await page.fill(`${form} input[name=capacity]`, '33');
            await page.fill(`${form} input[name=driverName]`, '王师傅');
            await page.fill(`${form} input[name=driverPhone]`, '1370000');
            await page.click(`${form} button[type=submit]`);
            const error = page.locator(`${form} .field[data-field=driverPhone] .field-error`);
            await error.waitFor();
            assert.match(await error.textContent(), /手机号应为11位数字/);
            await page.fill(`${form} input[name=driverPhone]`, '13700000001');
            await page.click(`${form} button[type=submit]`);
            await page.waitForSelector('#register-bus-list tbody tr');
            await page.click('#register-bus-list button[data-action=edit]');
            await page.fill(`${form} input[name=capacity]`, '45');
            await page.click(`${form} button[type=submit]`);
            await page.waitForFunction(() => document.querySelector(
                '#register-bus-list tbody tr td:nth-child(3)')?.textContent === '45');
            assert.match(await page.locator('#register-bus-list tbody tr').textContent(),
                /一号车赣L·D123445王师傅13700000001/);
            await page.screenshot({ path: `${SHOTS}/register-buses.png`, fullPage: true });
        });

    test('the CSV template downloads with the Chinese headings the import reads', async () => {
        await page.click('#register-tab-import');
        const [download] = await Promise.all([page.waitForEvent('download'),
            page.click('#import-template-csv')]);
        assert.equal(download.suggestedFilename(), '家庭导入模板.csv');
        const text = (await readFile(await download.path())).toString('utf8');
        assert.ok(text.startsWith(`\uFEFF${HEADER}\r\n`), text.slice(0, 80));
    });

    test('a GBK file with two bad lines: both reported by line and column, nothing stored',
        async () => {
            const file = gbkCsv([HEADER,
                line('H01', '张三', '13900000401', 150),
                line('H02', '李四、李五', '13900000402', 250),
                line('H03', '王六', '1390000', 320),
                'H04,赵七,1,13900000404,,30.000000,117.200000,高德']);
            const problems = await importFile(page, file);
            assert.deepEqual(problems.map((p) => `${p.line} ${p.column} ${p.kind}`),
                ['4 D MALFORMED_PHONE', '5 F OUTSIDE_MAP']);
            assert.match(problems[0].text, /电话格式不对/);
            assert.match(problems[1].text, /位置不在地图范围内/);
            assert.match(await page.locator('#import-read').textContent(), /GBK（GB18030） 编码（自动识别）/);
            assert.match(await page.locator('#import-crs-line').textContent(), /“坐标系”列/);
            assert.equal(await page.locator('#import-accept').count(), 0,
                'no import is offered for a file with problems');
            assert.deepEqual(await households(), [], 'nothing stored');
            await page.screenshot({ path: `${SHOTS}/register-import-problems.png`, fullPage: true });
        });

    test('the fixed file imports; the households are listed and the address-only one is pinned',
        async () => {
            const fixed = gbkCsv([HEADER,
                line('H01', '张三', '13900000401', 150),
                line('H02', '李四、李五', '13900000402', 250),
                line('H03', '王六', '13900000403', 320),
                'H04,赵七,1,13900000404,桂溪某小区 2 幢,,,']);
            await page.click('#register-tab-import');
            await page.setInputFiles('#import-file', fixed);
            await page.click('#import-check');
            await page.waitForSelector('#import-clean');
            await page.screenshot({ path: `${SHOTS}/register-import-clean.png`, fullPage: true });
            assert.equal(await fixAndImport(page, fixed), 4);
            assert.equal(await page.locator('#register-household-list tbody tr').count(), 4);
            assert.equal((await households()).length, 4);
            await page.waitForSelector('#register-pin-map[data-roads=loaded]');
            await page.screenshot({ path: `${SHOTS}/register-households.png`, fullPage: true });

            await page.click('#register-pin-list button');
            const box = await page.locator('#register-pin-map').boundingBox();
            await page.mouse.click(box.x + box.width / 2 + 40, box.y + box.height / 2);
            await page.waitForSelector('#register-pin .hint[data-i18n="register.pin.none"]');
            assert.ok((await households()).every((h) => h.lat !== null), 'all placed');

            // and one is edited by hand: a second child's name, the phone left as it was
            await page.click('#register-household-list tr[data-id] button[data-action=edit]');
            const form = '#register-household-form';
            await page.fill(`${form} input[name=studentNames]`, '张三、张小三');
            await page.fill(`${form} input[name=students]`, '2');
            await page.click(`${form} button[type=submit]`);
            await page.waitForFunction(() => document.querySelector(
                '#register-household-list tbody tr td:nth-child(2)')?.textContent
                === '张三、张小三');
            const first = (await households())[0];
            assert.equal(first.students, 2);
            assert.equal(first.parentPhone, '139****0401', 'the phone kept');
            assert.deepEqual(outsideRequests(page), []);
            assert.deepEqual(page.errors, []);
        });
});
