// The police desk on a desktop: officer 1 claims a disputed case and officer 2 sees it held;
// officer 1 sends it back for a new collision photo, the driver's phone shows the request and
// uploads it; officer 1 decides with grades and legal basis; the determination PDF downloads,
// its text has the Chinese fields and the grades, its code verifies, and both parties' pages
// show the decision and the document. Pictures of the queue, the case and the document's page
// land in target/e2e-screenshots.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import {
    BASE_URL, desktopContext, freshPhone, launchBrowser, openPage, phoneContext, signInAsStaff,
} from './browser.mjs';
import { pdfText, vectorQrCodesIn } from './pdfs.mjs';
import { SCENE, digits, freshJpeg, state, twoPhonesInLiability } from './phones.mjs';
import { checkPage, checkWords } from './quality.mjs';

/** The picture `name`.png, and the page's words checked (no internal code, no English). */
async function shot(page, name) {
    await page.waitForTimeout(400);
    await checkWords(page, name);
}

async function upload(page, selector, slot) {
    await page.setInputFiles(selector, { name: `${slot}.jpg`, mimeType: 'image/jpeg',
        buffer: await freshJpeg(page) });
}

/**
 * Two phones report, photograph, join and disagree through the party's step flow, as the
 * accident test drives it (each photo a fresh JPEG): the case goes to the police.
 */
async function disputedCase(browser) {
    const { pageA, pageB } = await twoPhonesInLiability(browser, null, SCENE, freshJpeg);
    await state(pageA, 'NOT_AT_FAULT', 'REAR_END');
    await state(pageB, 'REVERSING', 'NOT_AT_FAULT');
    await pageA.waitForSelector('#accident-case[data-state=POLICE_REVIEW]');
    await pageB.waitForSelector('#accident-case[data-state=POLICE_REVIEW]');
    // the step is in the URL now: the id is the path's last part before it
    return { pageA, pageB, caseId: pageA.url().split('/').pop().split('?')[0] };
}

/**
 * A driver signed in through the API (quicker than the pages, where the test is about the
 * queue): returns a call that fails on any non-2xx answer.
 */
async function driverApi(context) {
    const phone = freshPhone();
    const request = context.request;
    const code = await (await request.post(`${BASE_URL}/api/v1/auth/otp/request`,
        { data: { phone } })).json();
    const { token } = await (await request.post(`${BASE_URL}/api/v1/auth/otp/verify`,
        { data: { phone, code: code.devCode } })).json();
    return async (method, path, data, headers = {}) => {
        const response = await request.fetch(BASE_URL + path, {
            method, data, headers: { Authorization: `Bearer ${token}`, ...headers } });
        assert.ok(response.ok(), `${method} ${path}: ${response.status()} ${await response.text()}`);
        return response.json();
    };
}

/** A case reported with these photos in three slots, then handed to the police. */
async function caseWithPhotos(context, photos) {
    const call = await driverApi(context);
    const reported = await call('POST', '/api/v1/accidents', {
        lat: SCENE.latitude, lon: SCENE.longitude, plates: [`浙F${digits()}`, `浙F${digits()}`],
        weather: 'SUNNY', accidentForm: 'REAR_END_COLLISION', ignoreDuplicates: true,
    });
    await call('POST', `/api/v1/accidents/${reported.id}/checklist`, { anyoneInjured: false,
        vehiclesDrivable: true, allInsured: true, drinkOrDrugs: false, facilityHit: false,
        hazardousGoods: false });
    const slots = ['panorama-front', 'panorama-rear', 'collision-point'];
    for (const [i, photo] of photos.entries()) {
        await call('PUT', `/api/v1/accidents/${reported.id}/photos/${slots[i]}`, photo,
            { 'Content-Type': 'image/jpeg', 'Idempotency-Key': `reuse-${Date.now()}-${i}` });
    }
    await call('POST', `/api/v1/accidents/${reported.id}/police-request`, {});
    return reported.id;
}

/** Driver A, a party of the case, applies for a medical advance from it (through the API). */
async function applyForMedicalAdvance(page, caseId) {
    await page.evaluate(async (id) => {
        const response = await fetch('/api/v1/payments/applications', { method: 'POST',
            headers: { Authorization: `Bearer ${sessionStorage.getItem('anxing.token')}`,
                'Content-Type': 'application/json' },
            body: JSON.stringify({ caseId: id, injuredPersonId: '张三', hospitalId: 'pinghu-1' }) });
        if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
    }, caseId);
}

/**
 * The case view has what an officer decides on: the five grades with none chosen, the weather
 * and form of the accident, the insurers by name, each photo's EXIF time (as the server read
 * it), the history, the linked medical advance; a photo enlarges on click.
 */
async function caseInFull(page, caseId) {
    for (const label of ['A', 'B']) {
        const select = `select[name=grade-${label}]`;
        assert.equal(await page.inputValue(select), '', `nothing chosen for ${label}`);
        assert.deepEqual(await page.$$eval(`${select} option`, (options) => options
            .map((o) => [o.value, o.textContent])), [['', '请选择责任'], ['FULL', '全部责任'],
            ['MAIN', '主要责任'], ['EQUAL', '同等责任'], ['SECONDARY', '次要责任'],
            ['NONE', '无责任']]);
    }
    const facts = await page.textContent('#case-facts');
    assert.match(facts, /天气晴/);
    assert.match(facts, /事故形态追尾碰撞/);
    assert.match(await page.textContent('#case-parties tr[data-label=A]'), /中国人民财产保险/);
    assert.match(await page.textContent('#case-parties tr[data-label=B]'), /中国平安财产保险/);

    await page.waitForFunction(() => document.querySelectorAll('#review-photos img').length === 5);
    const stored = await page.evaluate(async (id) => (await (await fetch(
        `/api/v1/police/accidents/${id}`, { headers: { Authorization:
            `Bearer ${sessionStorage.getItem('anxing.token')}` } })).json()).photos
        .map((s) => [s.slot, new Date(s.photo.takenAt).toLocaleString('zh-CN',
            { hour12: false })]), caseId);
    assert.equal(stored.length, 5);
    for (const [slot, takenAt] of stored) {
        assert.equal(await page.textContent(`#review-photos figure[data-slot=${slot}]`
            + ' figcaption small'), `拍摄于 ${takenAt}`, slot);
    }

    const history = await page.$$eval('#case-history li', (items) => items
        .map((li) => li.textContent));
    const events = ['核对通过，可以自行处理', '照片已齐', '各方信息已齐', '转交警处理', '交警退回补充',
        '当事人已补充'];
    assert.deepEqual(events.map((e) => history.findIndex((line) => line.includes(e))),
        events.map((_, i) => i), history.join('\n'));

    await page.waitForSelector('#case-advances a');
    assert.equal((await page.textContent('#case-advances')).trim(), '医疗垫付申请（已申请）');
    assert.match(await page.textContent('#send-back-status'), /已完成 · 照片：碰撞部位照片/);

    const first = page.locator('#review-photos img').first();
    await first.click();
    await page.waitForSelector('#photo-large img');
    assert.equal(await page.getAttribute('#photo-large img', 'src'),
        await first.getAttribute('src'));
    await shot(page, 'police-case-photo-large');
    await page.click('#photo-large button');
    assert.equal(await page.locator('#photo-large').count(), 0);
    await shot(page, 'police-case-in-full');
}

async function download(page, button) {
    const [file] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
    return readFile(await file.path());
}

describe('the police desk', () => {
    let browser;
    before(async () => { browser = await launchBrowser(); });
    after(async () => { await browser?.close(); });

    test('claim, held for the other officer, send back, the phone answers, decide, the'
        + ' determination downloads and verifies, both parties see it', async () => {
        const { pageA, pageB, caseId } = await disputedCase(browser);

        const one = await openPage(await desktopContext(browser));
        await signInAsStaff(one, 'police1');
        await one.goto(`${BASE_URL}/#/police/accidents`);
        await one.waitForSelector(`#police-queue tr[data-case-id="${caseId}"]`);
        const headers = await one.$$eval('#queue-table thead th', (ths) => ths
            .map((th) => th.textContent));
        for (const header of ['事故编号', '报案时间', '已等待', '原因', '道路', '伤人', '风险提示',
            '处理人']) {
            assert.ok(headers.includes(header), `${header} in ${headers}`);
        }
        await shot(one, 'police-queue');
        await one.click(`tr[data-case-id="${caseId}"] a`);
        await one.waitForSelector('#police-case[data-claim=mine][data-state=POLICE_REVIEW]');
        await one.waitForFunction(() => document.querySelectorAll('#review-photos img')
            .length === 5);
        await one.waitForSelector('#police-case-map[data-pin]');
        await shot(one, 'police-case');

        const two = await openPage(await desktopContext(browser));
        await signInAsStaff(two, 'police2');
        await two.goto(`${BASE_URL}/#/police/accidents`);
        const row = two.locator(`tr[data-case-id="${caseId}"]`);
        assert.match(await row.locator('.holder').textContent(), /王警官/);
        await row.locator('a').click();
        await two.waitForSelector('#police-case[data-claim=held]');
        assert.match(await two.textContent('#claim-held'), /王警官/);
        assert.equal(await two.locator('#decision-form').count(), 0,
            'the officer who does not hold the case cannot decide it');

        await one.check('#send-back-form input[name=photo][value=collision-point]');
        await one.fill('#send-back-form textarea[name=note]', '碰撞部位照片看不清，请重新拍摄');
        await one.click('#send-back-submit');
        await one.waitForSelector('#police-case[data-state=SUPPLEMENT]');

        await pageA.waitForSelector('#send-back [data-slot=collision-point]', { timeout: 30_000 });
        assert.match(await pageA.textContent('#send-back'), /请重新拍摄/);
        assert.equal(await pageA.locator('#photos').count(), 0, 'only the asked photo is open');
        await upload(pageA, '#send-back input[data-slot=collision-point]', 'collision-point');
        await pageA.waitForSelector('#accident-case[data-state=POLICE_REVIEW]');
        await applyForMedicalAdvance(pageA, caseId);

        await one.reload();
        await one.waitForSelector('#police-case[data-claim=mine][data-state=POLICE_REVIEW]');
        await caseInFull(one, caseId);
        await one.selectOption('select[name=grade-A]', 'MAIN');
        await one.selectOption('select[name=grade-B]', 'SECONDARY');
        await one.selectOption('select[name=basis-A]', ['RTSL-43']);
        await one.selectOption('select[name=basis-B]', ['IR-50']);
        await one.fill('#decision-form textarea[name=facts]',
            '甲车未与前车保持安全距离，乙车倒车时未注意后方，两车发生碰撞。');
        await one.click('#decision-submit');
        await one.waitForSelector('#police-case[data-state=DECIDED] #determination');
        const code = await one.getAttribute('#determination', 'data-code');
        assert.match(code, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);

        const pdf = await download(one, '#determination-pdf');
        assert.equal(pdf.subarray(0, 4).toString(), '%PDF');
        const text = await pdfText(pdf);
        for (const expected of ['道路交通事故认定书', '简易程序', '事故时间', '事故地点', '天气',
            '柏里大道', '张三', '李四', '330482199001011234', '主要责任', '次要责任', '第四十三条',
            '中国人民财产保险', '中国平安财产保险', '平湖交警 王警官', '平湖市公安局交通警察大队',
            code]) {
            assert.ok(text.includes(expected), `${expected} is not in the PDF text:\n${text}`);
        }
        const link = vectorQrCodesIn(pdf);
        assert.equal(link.length, 1, 'one QR code on the determination');
        assert.ok(link[0].endsWith(`/#/verify/determination/${code}`), link[0]);
        assert.doesNotMatch(link[0], /127\.0\.0\.1|localhost/);
        if (process.env.VERIFY_URL) {
            assert.equal(link[0], `${process.env.VERIFY_URL}/determination/${code}`);
        }

        // what scanning the QR code opens (its address on the test server)
        const checker = await openPage(await phoneContext(browser),
            `/${link[0].slice(link[0].indexOf('#'))}`);
        await checker.waitForSelector('#verify-determination[data-genuine=true]');
        await shot(checker, 'police-determination-verified');

        for (const page of [pageA, pageB]) {
            await page.waitForSelector('#determination [data-label=A][data-grade=MAIN]',
                { timeout: 30_000 });
            assert.equal(await page.getAttribute('#determination', 'data-code'), code);
            assert.match(await page.textContent('#determination'), /次要责任/);
        }
        const partyPdf = await download(pageB, '#determination-pdf');
        assert.equal(partyPdf.subarray(0, 4).toString(), '%PDF');
        await shot(pageA, 'police-party-determination');

        // leaving the case page gives the claim up: officer 2 opening it now holds it
        const released = one.waitForResponse((r) => r.request().method() === 'DELETE'
            && r.url().endsWith(`/police/accidents/${caseId}/claim`));
        await one.evaluate(() => { window.location.hash = '#/police/accidents'; });
        assert.equal((await released).status(), 200);
        await two.reload();
        await two.waitForSelector('#police-case[data-claim=mine]');
        assert.equal(await two.locator('#claim-held').count(), 0);

        for (const page of [one, two, pageA, pageB]) assert.deepEqual(page.errors, []);
    });

    test('photos without an EXIF time hold a settled case for the police: both parties see why,'
        + ' and the queue shows the gap', async () => {
        const { pageA, pageB } = await twoPhonesInLiability(browser, null, SCENE,
            (page) => freshJpeg(page, { exif: false }));
        await state(pageA, 'NOT_AT_FAULT', 'REAR_END');
        await state(pageB, 'NOT_AT_FAULT', 'REAR_END');
        for (const page of [pageA, pageB]) {
            await page.waitForSelector('#accident-case[data-state=POLICE_REVIEW]'
                + ' #settlement-held');
            const held = await page.textContent('#settlement-held');
            assert.match(held, /需要交警审核后才能签署协议/);
            assert.match(held, /照片没有拍摄时间（5 张照片）/,
                'one line, not the same words five times');
            assert.equal(await page.locator('#settlement-held li').count(), 1);
            assert.equal(await page.locator('#sign-form').count(), 0, 'nothing to sign');
        }
        await checkPage(pageA, 'police-party-held-no-photo-time');
        const caseId = pageA.url().split('/').pop().split('?')[0];

        const one = await openPage(await desktopContext(browser));
        await signInAsStaff(one, 'police1');
        await one.goto(`${BASE_URL}/#/police/accidents`);
        const chip = one.locator(`tr[data-case-id="${caseId}"] .flags .chip`);
        await chip.first().waitFor();
        assert.equal(await chip.count(), 1);
        assert.equal(await chip.getAttribute('data-kind'), 'NO_PHOTO_TIME');
        assert.equal((await chip.textContent()).trim(), '照片没有拍摄时间 ×5');
        await one.click(`tr[data-case-id="${caseId}"] a`);
        await one.waitForFunction(() => document.querySelectorAll('#review-photos img')
            .length === 5);
        assert.equal(await one.locator('#review-photos figure', { hasText: '照片没有拍摄时间' })
            .count(), 5, 'each photo says it has no time');
        for (const page of [one, pageA, pageB]) assert.deepEqual(page.errors, []);
    });

    test('three photos used again in another case: one reuse chip with its count in the queue',
        async () => {
            const one = await openPage(await desktopContext(browser));
            await signInAsStaff(one, 'police1');
            const photos = [await freshJpeg(one), await freshJpeg(one), await freshJpeg(one)];
            await caseWithPhotos(one.context(), photos);
            const reused = await caseWithPhotos(one.context(), photos);
            await one.goto(`${BASE_URL}/#/police/accidents`);
            const chips = one.locator(`tr[data-case-id="${reused}"] .flags .chip`);
            await chips.first().waitFor();
            assert.equal(await chips.count(), 1, 'one chip, not one per photo');
            assert.equal(await chips.getAttribute('data-kind'), 'PHOTO_REUSED');
            assert.equal(await chips.getAttribute('data-count'), '3');
            assert.equal((await chips.textContent()).trim(), '照片重复使用 ×3');
            await one.locator(`tr[data-case-id="${reused}"]`).scrollIntoViewIfNeeded();
            await shot(one, 'police-queue-reused-photos');
            assert.deepEqual(one.errors, []);
        });
});
