// The coordinator's import steps on the register page (#/bus/register), for
// coordinator-import.test.mjs and for longer walks that start with an import:
//
//   const file = gbkCsv([HEADER, ...lines]);               // bytes as Excel writes them in China
//   const problems = await importFile(page, file);          // [{ line, column, kind, text }]
//   await fixAndImport(page, fixedFile);                    // imported; the 家庭 tab is shown
//
// The page must be on the register with the school picked (openRegister does both).
import assert from 'node:assert/strict';
import { BASE_URL } from './browser.mjs';

export const HEADER = '家庭编号,学生姓名,人数,家长电话,地址,纬度,经度,坐标系';

/** GBK bytes of `text`: Node encodes only UTF-8, so the table is GBK's decoder turned round. */
export function gbk(text) {
    const bytes = [];
    for (const char of text) {
        const code = char.codePointAt(0);
        if (code < 0x80) bytes.push(code);
        else {
            const pair = gbkTable().get(char);
            if (!pair) throw new Error(`${char} has no GBK code`);
            bytes.push(...pair);
        }
    }
    return Buffer.from(bytes);
}

let table;
function gbkTable() {
    if (table) return table;
    table = new Map();
    const decoder = new TextDecoder('gbk', { fatal: true });
    for (let lead = 0x81; lead <= 0xfe; lead += 1) {
        for (let trail = 0x40; trail <= 0xfe; trail += 1) {
            if (trail === 0x7f) continue;
            try {
                const char = decoder.decode(new Uint8Array([lead, trail]));
                if (!table.has(char)) table.set(char, [lead, trail]);
            } catch {
                // not a GBK pair
            }
        }
    }
    return table;
}

/** A CSV file in GBK with Windows line ends, as Excel saves one on a Chinese Windows. */
export function gbkCsv(lines, name = '学生家庭名单.csv') {
    return { name, mimeType: 'text/csv', buffer: gbk(`${lines.join('\r\n')}\r\n`) };
}

/** WGS-84 to GCJ-02 (the published algorithm), for positions as Amap would give them. */
export function gcj02(lat, lon) {
    const a = 6378245.0;
    const ee = 0.006693421622965943;
    const x = lon - 105.0;
    const y = lat - 35.0;
    let dLat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
    dLat += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
    dLat += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
    dLat += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0)
        / 3.0;
    let dLon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
    dLon += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
    dLon += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
    dLon += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI))
        * 2.0) / 3.0;
    const radLat = (lat / 180.0) * Math.PI;
    const magic = 1 - ee * Math.sin(radLat) ** 2;
    const sqrtMagic = Math.sqrt(magic);
    dLat = (dLat * 180.0) / (((a * (1 - ee)) / (magic * sqrtMagic)) * Math.PI);
    dLon = (dLon * 180.0) / ((a / sqrtMagic) * Math.cos(radLat) * Math.PI);
    return { lat: lat + dLat, lon: lon + dLon };
}

/** Opens the register (unless it is open) with `schoolName` picked. */
export async function openRegister(page, schoolName) {
    if (!page.url().includes('#/bus/register')) {
        await page.goto(`${BASE_URL}/#/bus/register`);
    }
    await page.waitForSelector('#register-tabs');
    await page.waitForSelector(`#register-school option >> text=${schoolName}`,
        { state: 'attached' });
    await page.selectOption('#register-school', { label: schoolName });
}

/**
 * On the 导入 tab: chooses `file` ({ name, mimeType, buffer }), checks it, and returns the
 * report's problems as the table shows them (none when the file is clean).
 */
export async function importFile(page, file, { encoding = 'auto', crs = 'auto' } = {}) {
    await page.click('#register-tab-import');
    await page.setInputFiles('#import-file', file);
    await page.selectOption('#import-encoding', encoding);
    await page.selectOption('#import-crs', crs);
    await page.click('#import-check');
    await page.waitForSelector('#import-report section');
    return page.$$eval('#import-problems tbody tr', (rows) => rows.map((row) => ({
        line: Number(row.dataset.line), column: row.dataset.column, kind: row.dataset.kind,
        text: row.textContent })));
}

/**
 * Checks the fixed `file`, which must have no problem, imports it and opens the 家庭 tab.
 * Returns the number of households the page says it imported.
 */
export async function fixAndImport(page, file, options = {}) {
    const problems = await importFile(page, file, options);
    assert.deepEqual(problems, [], 'the fixed file has no problem');
    await page.waitForSelector('#import-clean');
    await page.click('#import-accept');
    await page.waitForSelector('#import-done');
    const said = await page.locator('#import-done').textContent();
    await page.click('#import-to-households');
    await page.waitForSelector('#register-household-list');
    return Number(/已导入 (\d+) 户/.exec(said)?.[1] ?? 0);
}
