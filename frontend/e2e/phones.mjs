// The two phones of an accident brought through the party's step flow (report, safety
// checklist, photos, joining by the share link, details, statements), shared by the accident
// and the police desk tests so that both drive the page the same way.
import assert from 'node:assert/strict';
import {
    BASE_URL, freshPhone, openPage, phoneContext, signInThroughApi,
} from './browser.mjs';
import { checkPage } from './quality.mjs';

/** A 32×24 JPEG made with javax.imageio (the server reads the type from these bytes). */
export const JPEG = Buffer.from('/9j/4AAQSkZJRgABAgAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/2wBDAQkJCQwLDBgNDRgyIRwhMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjL/wAARCAAYACADASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwDur6+ttNspby8mWG3iXc7t0A/qewHUmuJ/4W5oH/PpqX/fuP8A+Lq78SNDv9b8OILANI9tL5zW64zINpHHGSwzwARkE9TivC6w4F4NyjOcBLEYqblO9uVO3Kul+uu99ui1TO7MMdWoVFGCsvzPpbRtZste02O/sJd8T8EHhkburDsR/wDXGQQav1558KNGvdP028v7qLy4r7yzAG+8yru+bHYHdx64z0wT6HX5/wARYDDZfmlbCYWfPCLsn8k2tOsXeL810PSw1SVWjGc1ZsKKKK8U3CiiigD/2Q==', 'base64');
/**
 * `jpeg` with an APP1 Exif segment inserted right after SOI, as a phone camera writes it: the
 * DateTimeOriginal `takenAt` in China's +08:00 with its OffsetTimeOriginal, and the GPS position
 * when given. A photo without an EXIF time is an evidence gap that holds settlement for the
 * police (照片没有拍摄时间), so the tests' photos carry one unless a test is about its absence.
 * @param {Buffer} jpeg
 * @param {{ takenAt?: Date, position?: { latitude: number, longitude: number } | null }} [exif]
 */
export function withExif(jpeg, { takenAt = new Date(), position = null } = {}) {
    const ascii = (text) => Buffer.from(`${text}\0`, 'latin1');
    const rationals = (decimal) => {
        const degrees = Math.floor(decimal);
        const minutes = Math.floor((decimal - degrees) * 60);
        const seconds = Math.round(((decimal - degrees) * 60 - minutes) * 60 * 10_000);
        const b = Buffer.alloc(24);
        [degrees, 1, minutes, 1, seconds, 10_000].forEach((v, i) => b.writeUInt32BE(v, i * 4));
        return b;
    };
    const local = new Date(takenAt.getTime() + 8 * 3600_000).toISOString();
    const time = `${local.slice(0, 10).replaceAll('-', ':')} ${local.slice(11, 19)}`;
    const ASCII = 2;
    const LONG = 4;
    const RATIONAL = 5;
    const exif = [[0x9003, ASCII, ascii(time)], [0x9011, ASCII, ascii('+08:00')]];
    const gps = position ? [
        [0x0001, ASCII, ascii(position.latitude >= 0 ? 'N' : 'S')],
        [0x0002, RATIONAL, rationals(Math.abs(position.latitude))],
        [0x0003, ASCII, ascii(position.longitude >= 0 ? 'E' : 'W')],
        [0x0004, RATIONAL, rationals(Math.abs(position.longitude))],
    ] : [];
    const size = (entries) => 2 + 12 * entries.length + 4
        + entries.reduce((n, [, , v]) => n + (v.length > 4 ? v.length : 0), 0);
    // an IFD at `start` (from the TIFF header): its entries, then the values over 4 bytes
    const ifd = (start, entries) => {
        const b = Buffer.alloc(size(entries));
        let data = 2 + 12 * entries.length + 4;
        b.writeUInt16BE(entries.length, 0);
        entries.forEach(([tag, type, value], i) => {
            const at = 2 + 12 * i;
            b.writeUInt16BE(tag, at);
            b.writeUInt16BE(type, at + 2);
            b.writeUInt32BE(value.length / { [ASCII]: 1, [LONG]: 4, [RATIONAL]: 8 }[type], at + 4);
            if (value.length <= 4) value.copy(b, at + 8);
            else {
                b.writeUInt32BE(start + data, at + 8);
                value.copy(b, data);
                data += value.length;
            }
        });
        return b;
    };
    const long = (v) => { const b = Buffer.alloc(4); b.writeUInt32BE(v); return b; };
    const ifd0Entries = position ? 2 : 1;
    const exifAt = 8 + 2 + 12 * ifd0Entries + 4;
    const gpsAt = exifAt + size(exif);
    const tiff = Buffer.concat([
        Buffer.from([0x4d, 0x4d, 0, 42, 0, 0, 0, 8]),
        ifd(8, [[0x8769, LONG, long(exifAt)], ...(position ? [[0x8825, LONG, long(gpsAt)]]
            : [])]),
        ifd(exifAt, exif),
        ...(position ? [ifd(gpsAt, gps)] : []),
    ]);
    const header = Buffer.alloc(4);
    header.writeUInt16BE(0xffe1, 0);
    header.writeUInt16BE(2 + 6 + tiff.length, 2);
    return Buffer.concat([jpeg.subarray(0, 2), header, Buffer.from('Exif\0\0', 'latin1'), tiff,
        jpeg.subarray(2)]);
}

/**
 * A JPEG of its own drawn by the page's canvas (random blocks), taken now as its EXIF says: a
 * photo used in two cases is a reuse signal, and the tests are not about reuse unless they say.
 * With `exif: false` the canvas's own JPEG, which says nothing of when it was taken.
 * @param {import('playwright-core').Page} page
 */
export async function freshJpeg(page, { exif = true } = {}) {
    const data = await page.evaluate(() => {
        const canvas = document.createElement('canvas');
        canvas.width = 320;
        canvas.height = 240;
        const g = canvas.getContext('2d');
        for (let y = 0; y < 240; y += 30) {
            for (let x = 0; x < 320; x += 40) {
                g.fillStyle = `hsl(${Math.random() * 360}, 60%, ${20 + Math.random() * 60}%)`;
                g.fillRect(x, y, 40, 30);
            }
        }
        return canvas.toDataURL('image/jpeg', 0.9).split(',')[1];
    });
    const jpeg = Buffer.from(data, 'base64');
    return exif ? withExif(jpeg) : jpeg;
}

/** On 柏里大道 in the demo map (Guixi). */
export const SCENE = { latitude: 28.29663, longitude: 117.20555 };
export const SLOTS = ['panorama-front', 'panorama-rear', 'collision-point', 'plate-1', 'plate-2'];

export const digits = () => String(Math.floor(Math.random() * 1e5)).padStart(5, '0');

export async function phone(browser, scene = SCENE) {
    const context = await phoneContext(browser);
    await context.grantPermissions(['geolocation'], { origin: new URL(BASE_URL).origin });
    await context.setGeolocation({ latitude: scene.latitude, longitude: scene.longitude });
    return context;
}

/**
 * The weather and the form of the accident start on "请选择", nothing chosen for the driver, and
 * the report is not sent until both are chosen.
 */
export async function chooseWeatherAndForm(page, weather = 'SUNNY', form = 'REAR_END_COLLISION') {
    for (const name of ['weather', 'accidentForm']) {
        assert.equal(await page.inputValue(`#report-form select[name=${name}]`), '');
        assert.equal(await page.textContent(
            `#report-form select[name=${name}] option:checked`), '请选择');
        assert.equal(await page.getAttribute(`#report-form select[name=${name}]`, 'required'),
            '');
    }
    await page.click('#report-submit');
    await page.waitForSelector('[data-field=weather] .field-error:not([hidden])');
    assert.match(await page.textContent('[data-field=weather] .field-error'), /请选择当时的天气/);
    assert.match(page.url(), /#\/accident\/new/, 'nothing is reported without the weather');
    await page.selectOption('#report-form select[name=weather]', weather);
    await page.click('#report-submit');
    await page.waitForSelector('[data-field=accidentForm] .field-error:not([hidden])');
    await page.selectOption('#report-form select[name=accidentForm]', form);
}

/**
 * Phone A reports the accident and takes the photos; returns the join link the QR shows.
 * `photo(page)` gives the bytes of each photo: the same picture, taken now, unless a test needs
 * its own.
 */
export async function reportAndPhotograph(page, plateA, plateB, shots = null, road = '柏里大道',
    photo = async () => withExif(JPEG)) {
    await reportToPhotos(page, plateA, plateB, shots, road);
    for (const slot of SLOTS) {
        await page.setInputFiles(`input[data-slot=${slot}]`,
            { name: `${slot}.jpg`, mimeType: 'image/jpeg', buffer: await photo(page) });
        await page.waitForSelector(`.slot[data-slot=${slot}][data-uploaded=true], `
            + '#accident-case[data-state=PARTIES]');
        if (shots && slot === SLOTS[0]) {
            await page.waitForSelector(`.slot[data-slot=${slot}] .thumb img`);
            await checkPage(page, `${shots}-3-photos-first-taken`);
            await retakeShowsProgress(page, slot, await photo(page));
        }
    }
    await page.waitForSelector('#accident-case[data-state=PARTIES]');
    await page.waitForSelector('#accident-case[data-step=vehicles]');
    if (shots) await checkPage(page, `${shots}-4-vehicles-invite`);
    const code = (await page.textContent('#share-code')).trim();
    const link = await page.getAttribute('#share-link', 'href');
    assert.ok(link.endsWith(`#/accident/join/${code}`), link);
    assert.equal(await page.locator('#share-qr svg').count(), 1, 'a QR code of the link');
    return link;
}

/**
 * A taken photo offers 重拍 (retake); taking it again shows the upload's progress bar while
 * it is sent (the upload held back a moment here, so the bar can be seen) and keeps the slot.
 */
async function retakeShowsProgress(page, slot, bytes) {
    const retake = `.slot[data-slot=${slot}] label.camera-button`;
    assert.equal((await page.textContent(retake))?.trim(), '重拍');
    let release = () => {};
    const held = new Promise((resolve) => { release = resolve; });
    const photos = `**/api/v1/accidents/*/photos/${slot}`;
    await page.route(photos, async (route) => { await held; await route.continue(); });
    await page.setInputFiles(`input[data-slot=${slot}]`,
        { name: `${slot}-again.jpg`, mimeType: 'image/jpeg', buffer: bytes });
    await page.waitForSelector(`.slot[data-slot=${slot}] progress:not([hidden])`);
    release();
    // sent: the bar goes, no error is said, and the slot is still taken
    await page.waitForSelector(`.slot[data-slot=${slot}] progress`, { state: 'hidden' });
    const error = page.locator(`.slot[data-slot=${slot}] .form-error:not([hidden])`);
    assert.equal(await error.count(), 0, await error.first().textContent().catch(() => ''));
    await page.waitForSelector(`.slot[data-slot=${slot}][data-uploaded=true] label.camera-button`);
    await page.unroute(photos);
}

/** Phone A reports the accident and answers the safety checklist, up to the photos step. */
export async function reportToPhotos(page, plateA, plateB, shots = null, road = '柏里大道') {
    await page.waitForSelector('#accident-report');
    // safety comes before the form: the steps and the two numbers one tap away
    assert.equal(await page.getAttribute('#call-122', 'href'), 'tel:122');
    assert.equal(await page.getAttribute('#call-120', 'href'), 'tel:120');
    await page.click('#use-location');
    await page.waitForSelector('#report-road[data-road-name]');
    assert.equal(await page.getAttribute('#report-road', 'data-road-name'), road);
    if (shots) {
        await page.waitForSelector('#report-map[data-map=loaded]');
        // the map is centred where the phone is (within 100 m: the pin snaps to the road)
        await page.waitForFunction(({ lat, lon }) => {
            const map = /** @type {any} */ (document.querySelector('#report-map'))?.mapLibreMap;
            const centre = map?.getCenter();
            return centre && Math.hypot((centre.lat - lat) * 111_000,
                (centre.lng - lon) * 111_000 * Math.cos(lat * Math.PI / 180)) < 100;
        }, { lat: SCENE.latitude, lon: SCENE.longitude });
        await checkPage(page, `${shots}-1-location`);
    }
    await page.fill('#report-form input[name=plates0]', plateA);
    await page.fill('#report-form input[name=plates1]', plateB);
    await chooseWeatherAndForm(page);
    await page.click('#report-submit');
    await page.waitForSelector('#accident-case[data-state=DRAFT]');
    assert.equal(await page.getAttribute('#accident-case', 'data-step'), 'safety');
    assert.match(page.url(), /step=safety$/);
    if (shots) {
        // what to do first, in plain words, and where in the steps the driver is
        const safety = await page.textContent('#safety');
        for (const words of [/双闪/, /50 米/, /150 米/, /离开车道/, /先拍照.*再把车移/]) {
            assert.match(safety, words);
        }
        assert.equal(await page.getAttribute('#steps li[aria-current=step]', 'data-step'),
            'safety');
        assert.match(await page.textContent('#steps .steps-count'), /第 2 步，共 7 步/);
        await checkPage(page, `${shots}-2-safety`);
    }

    for (const [question, answer] of [['anyoneInjured', 'no'], ['vehiclesDrivable', 'yes'],
        ['allInsured', 'yes'], ['drinkOrDrugs', 'no'], ['facilityHit', 'no'],
        ['hazardousGoods', 'no']]) {
        await page.check(`#q-${question}-${answer}`);
    }
    await page.click('#checklist-submit');
    await page.waitForSelector('#accident-case[data-state=EVIDENCE]');
    await page.waitForSelector('#accident-case[data-step=photos]');
    if (shots) {
        // the sample of each slot before anything is taken
        assert.equal(await page.locator('.slot .thumb svg').count(), SLOTS.length);
        assert.equal(await page.getAttribute(`input[data-slot=${SLOTS[0]}]`, 'capture'),
            'environment');
        await checkPage(page, `${shots}-3-photos`);
    }
}

export async function enterDetails(page, { name, licence, insurer }) {
    await page.waitForSelector('#party-form');
    await page.fill('#party-form input[name=name]', name);
    await page.fill('#party-form input[name=vehicleType]', '小型轿车');
    await page.fill('#party-form input[name=licenceNo]', licence);
    await page.selectOption('#party-form select[name=insurerCode]', insurer);
    await page.fill('#party-form input[name=policyNo]', `PDZA${digits()}`);
    await page.fill('#party-form input[name=collisionPart]', '车头');
    await page.click('#party-submit');
}

/**
 * The page asks for one situation card and whose it was (was: a select per party); the old
 * (says about A, says about B) pairs map onto it, one of them NOT_AT_FAULT.
 */
export async function state(page, saysA, saysB) {
    await page.waitForSelector('#statement-form');
    const [faulty, code] = saysA === 'NOT_AT_FAULT' ? ['B', saysB] : ['A', saysA];
    assert.equal(await page.locator('#statement-form input:checked').count(), 0,
        'nothing is chosen for the driver');
    await page.click(`.scenario-card[data-scenario=${code}]`);
    await page.check(`#who input[name=faulty][value=${faulty}]`);
    await page.click('#statement-submit');
}

/** Both phones up to the liability step; returns the two pages. */
export async function twoPhonesInLiability(browser, shots = null, scene = SCENE,
    photo = undefined, { joinBy = 'link' } = {}) {
    const plateA = `浙F${digits()}`;
    const plateB = `浙FD${digits()}`;
    const phoneA = freshPhone();
    const pageA = await openPage(await phone(browser, scene));
    await signInThroughApi(pageA, { phone: phoneA }, '/#/accident/new');
    const joinLink = await reportAndPhotograph(pageA, plateA, plateB, shots,
        scene.road ?? '柏里大道', photo);
    if (shots) await restoredAnywhere(browser, pageA, phoneA, 'vehicles');

    const joinPath = `/${joinLink.slice(joinLink.indexOf('#'))}`;
    let pageB;
    if (joinBy === 'code') {
        // the code typed in on the accident page leads to the same preview of the case
        pageB = await openPage(await phone(browser, scene));
        await signInThroughApi(pageB, { phone: freshPhone() }, '/#/accident');
        await pageB.fill('#join-form input[name=shareCode]',
            joinPath.slice(joinPath.lastIndexOf('/') + 1).toLowerCase());
        await pageB.click('#join-submit');
        await pageB.waitForSelector('#join-preview[data-joinable=true] #join-confirm');
        assert.match(await pageB.textContent('#join-case'), new RegExp(scene.road ?? '柏里大道'));
    } else {
        // what scanning the QR code opens on the second phone: which case, before signing in
        pageB = await openPage(await phone(browser, scene), joinPath);
        await pageB.waitForSelector('#join-preview[data-joinable=true] #join-sign-in');
        assert.match(await pageB.textContent('#join-case'), new RegExp(scene.road ?? '柏里大道'));
        if (shots) await checkPage(pageB, `${shots}-4-vehicles-join-preview`);
        await signInThroughApi(pageB, { phone: freshPhone() }, joinPath);
    }
    // the step flow: joining is confirmed on the preview (was: joined on opening the link)
    await pageB.click('#join-confirm');
    await pageB.waitForSelector('#accident-case[data-my-label=B]');
    assert.equal(await pageB.inputValue('#party-form input[name=plate]'), plateB,
        'the second phone is offered the plate nobody has claimed');
    assert.equal(await pageB.inputValue('#party-form select[name=insurerCode]'), '',
        'no insurer is chosen for the driver');
    // checked as typed: a plate that cannot be one, then the right one
    await pageB.fill('#party-form input[name=plate]', 'AB12345');
    await pageB.waitForSelector('[data-field=plate] .field-error:not([hidden])');
    await pageB.fill('#party-form input[name=plate]', plateB);
    await pageB.waitForSelector('[data-field=plate] .field-error', { state: 'hidden' });
    await pageB.fill('#party-form input[name=licenceNo]', '33048219850505234');
    await pageB.fill('#party-form input[name=licenceNo]', '33048219850505234Q');
    await pageB.waitForSelector('[data-field=licenceNo] .field-error:not([hidden])');
    if (shots) await checkPage(pageB, `${shots}-4-vehicles-details`);

    await enterDetails(pageA, { name: '张三', licence: '330482199001011234', insurer: 'PICC' });
    await pageA.waitForSelector('#party-saved');
    await enterDetails(pageB, { name: '李四', licence: '330482198505052345', insurer: 'PINGAN' });
    await pageA.waitForSelector('#accident-case[data-state=LIABILITY]');
    await pageB.waitForSelector('#accident-case[data-state=LIABILITY]');
    return { pageA, pageB, plateA, plateB };
}

/**
 * The case comes back at the step it was at: after a reload, and on another phone signed in
 * with the same number (a driver whose phone died borrows one).
 */
async function restoredAnywhere(browser, page, phoneNumber, step) {
    await page.reload();
    await page.waitForSelector(`#accident-case[data-step=${step}]`);
    const hash = page.url().slice(page.url().indexOf('#'));
    const other = await openPage(await phoneContext(browser));
    await signInThroughApi(other, { phone: phoneNumber }, `/${hash}`);
    await other.waitForSelector(`#accident-case[data-step=${step}]`);
    assert.equal(await other.textContent('#share-code'), await page.textContent('#share-code'));
    await other.context().close();
}
