// Accident self-service on two phones: report, checklist, photos, the other driver joining by
// share code, statements, signatures, the agreement and the insurers' notifications; and a
// disputed case that the police officer finds in the review queue and decides.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import {
    BASE_URL, desktopContext, freshPhone, launchBrowser, openPage, outsideRequests, phoneContext,
    signInAsStaff, signInThroughApi,
} from './browser.mjs';
import {
    JPEG, SLOTS, chooseWeatherAndForm, digits, phone, reportToPhotos, state,
    twoPhonesInLiability,
} from './phones.mjs';
import { qrCodesIn } from './pdfs.mjs';
import { checkPage } from './quality.mjs';

/**
 * On 西街: the cases of the other tests go there, so that 柏里大道 does not outrank the roads
 * the insight test reports on (the tests share one server and its day).
 */
const OTHER_SCENE = { latitude: 28.285572, longitude: 117.201805, road: '西街' };

async function sign(page) {
    await page.waitForSelector('#sign-form');
    await page.check('#sign-confirm');
    const box = await page.locator('#signature-pad').boundingBox();
    await page.mouse.move(box.x + 20, box.y + 40);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) {
        await page.mouse.move(box.x + 20 + i * 25, box.y + 40 + (i % 2) * 50);
    }
    await page.mouse.up();
    await page.click('#sign-submit');
}

describe('accident self-service on two phones', () => {
    let browser;
    before(async () => { browser = await launchBrowser(); });
    after(async () => { await browser?.close(); });

    test('a rear-end collision is settled, signed, verifiable, and both insurers are notified',
        async () => {
            const { pageA, pageB, plateA, plateB } = await twoPhonesInLiability(browser,
                'two-car');
            await pageA.waitForSelector('#statement-form');
            await checkPage(pageA, 'two-car-5-what-happened');
            // situations as cards grouped by where they happen, each with its own drawing
            assert.ok(await pageA.locator('#statement-form .scenario-group').count() >= 4);
            assert.equal(await pageA.locator('#statement-form .scenario-card svg').count(),
                await pageA.locator('#statement-form .scenario-card').count());
            // and in English the names and lines are English
            await pageA.click('#language-toggle');
            await pageA.waitForFunction(() => /Rear-end collision/.test(document.querySelector(
                '.scenario-card[data-scenario=REAR_END]')?.textContent ?? ''));
            await checkPage(pageA, 'two-car-5-what-happened-en');
            await pageA.click('#language-toggle');
            await pageA.waitForFunction(() => /追尾/.test(document.querySelector(
                '.scenario-card[data-scenario=REAR_END]')?.textContent ?? ''));
            await state(pageA, 'NOT_AT_FAULT', 'REAR_END');
            await pageA.waitForSelector('#statement-waiting');
            await state(pageB, 'NOT_AT_FAULT', 'REAR_END');

            for (const page of [pageA, pageB]) {
                await page.waitForSelector('#decision [data-label=B][data-grade=FULL]');
                assert.equal(await page.getAttribute('#decision [data-label=A]', 'data-grade'),
                    'NONE');
                assert.match(await page.textContent('#decision [data-label=B]'), /全部责任/);
            }
            // the full agreement before signing, insurers by name
            assert.match(await pageA.textContent('#agreement-text'), /中国人民财产保险/);
            assert.match(await pageA.textContent('#agreement-text'), /追尾/);
            // the whole of it: both drivers and plates, both insurers, each grade
            const agreement = await pageA.textContent('#agreement-text') ?? '';
            for (const words of [plateA, plateB, '张三', '李四', '中国平安财产保险', '全部责任',
                '无责任']) {
                assert.ok(agreement.includes(words), `the agreement says ${words}: ${agreement}`);
            }
            await checkPage(pageA, 'two-car-6-agreement');
            await sign(pageA);
            await pageA.waitForSelector('#sign-waiting');
            await sign(pageB);
            await pageB.waitForSelector('#accident-case[data-state=AGREED]');
            await pageA.waitForSelector('#accident-case[data-state=AGREED]');

            const code = await pageA.getAttribute('#verification-code', 'data-code');
            assert.match(code, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
            await pageA.waitForFunction(() => document.querySelectorAll(
                '#notifications [data-status=DELIVERED]').length === 2, null, { timeout: 30_000 });
            assert.deepEqual((await pageA.$$eval('#notifications li',
                (items) => items.map((li) => li.dataset.insurer))).sort(), ['PICC', 'PINGAN']);

            await checkPage(pageA, 'two-car-7-signed');
            const [download] = await Promise.all([pageA.waitForEvent('download'),
                pageA.click('#agreement-pdf')]);
            const pdfPath = await download.path();
            const pdf = await readFile(pdfPath);
            assert.equal(pdf.subarray(0, 4).toString(), '%PDF');
            const link = qrCodesIn(pdf);
            assert.equal(link.length, 1, 'one QR code on the agreement');
            assert.ok(link[0].endsWith(`/#/verify/${code}`), link[0]);
            assert.doesNotMatch(link[0], /127\.0\.0\.1|localhost/);
            if (process.env.VERIFY_URL) assert.equal(link[0], `${process.env.VERIFY_URL}/${code}`);

            const checker = await openPage(await phoneContext(browser), `/#/verify/${code}`);
            await checker.waitForSelector('#verify[data-genuine=true]');
            // and by the code typed in, as printed under the QR code
            await checker.goto(`${BASE_URL}/#/verify`);
            await checker.fill('#verify-form input[name=code]', code.toLowerCase());
            await checker.click('#verify-submit');
            await checker.waitForSelector('#verify[data-genuine=true]');
            await checkPage(checker, 'two-car-8-verify');

            // back and forward are in the address: the browser's back shows the step before
            await pageB.goBack();
            await pageB.waitForSelector('#accident-case[data-step=agreement]');
            await pageB.goForward();
            await pageB.waitForSelector('#accident-case[data-step=signed]');
            // English: grades and names translated, no code shown
            await pageB.click('#language-toggle');
            await pageB.waitForFunction(() => document.documentElement.lang === 'en');
            assert.match(await pageB.textContent('#decision [data-label=B]'), /full liability/);
            await checkPage(pageB, 'two-car-7-signed-en');
            await pageB.click('#language-toggle');

            for (const page of [pageA, pageB]) {
                assert.deepEqual(outsideRequests(page), []);
                assert.deepEqual(page.errors, []);
            }
        });

    test('a disputed case goes to police review; the officer finds it in the queue and decides',
        async () => {
            const { pageA, pageB, plateA } = await twoPhonesInLiability(browser, null,
                OTHER_SCENE);
            await state(pageA, 'NOT_AT_FAULT', 'REAR_END');
            await state(pageB, 'REVERSING', 'NOT_AT_FAULT');
            await pageB.waitForSelector('#accident-case[data-state=POLICE_REVIEW]');
            await pageA.waitForSelector('#accident-case[data-state=POLICE_REVIEW]');
            assert.match(await pageA.textContent('#police-reasons'), /陈述不一致/);
            const caseId = pageA.url().split('/').pop().split('?')[0]; // the step is in the URL now

            const police = await openPage(await desktopContext(browser));
            await signInAsStaff(police, 'police1');
            await police.click('.area-card[data-area=review]');
            await police.waitForSelector('#police-queue');
            const row = police.locator(`tr[data-case-id="${caseId}"]`);
            assert.equal(await row.locator('.queue-reason').getAttribute('data-reason'),
                'STATEMENTS_DISAGREE');
            assert.match(await row.textContent(), new RegExp(plateA));
            await row.locator('a').click();
            await police.waitForSelector('#police-case[data-state=POLICE_REVIEW]');
            await police.waitForFunction(() => document.querySelectorAll('#review-photos img')
                .length === 5);
            assert.equal(await police.locator('#review-statements li').count(), 4);

            await police.selectOption('select[name=grade-A]', 'MAIN');
            await police.selectOption('select[name=grade-B]', 'SECONDARY');
            // the desk asks for the legal basis and the facts of a determination (issue 11)
            await police.selectOption('select[name=basis-A]', ['RTSL-43']);
            await police.selectOption('select[name=basis-B]', ['IR-50']);
            await police.fill('#decision-form textarea[name=facts]', '两车倒车时发生碰撞。');
            await police.click('#decision-submit');
            await police.waitForSelector('#police-case[data-state=DECIDED]');
            await pageA.waitForSelector('#decided [data-label=A][data-grade=MAIN]');
            await police.click('#close-case');
            await police.waitForSelector('#police-case[data-state=CLOSED]');
            assert.deepEqual(police.errors, []);
        });
    test('"none of these" sends the case to the police with the driver\'s own account',
        async () => {
            // the second driver joins by typing the share code this time
            const { pageA, pageB } = await twoPhonesInLiability(browser, null, OTHER_SCENE,
                undefined, { joinBy: 'code' });
            await pageA.waitForSelector('#statement-form');
            await pageA.click('.scenario-card[data-scenario=NONE_OF_THESE]');
            await pageA.click('#statement-submit');
            await pageA.waitForSelector('[data-field=account] .field-error:not([hidden])');
            const account = '我在路口等红灯，对方从右侧驶来擦到我车右后门。';
            await pageA.fill('#account-text', account);
            await checkPage(pageA, 'none-of-these-1-account');
            await pageA.click('#statement-submit');
            await pageA.waitForSelector('#accident-case[data-state=POLICE_REVIEW]');
            await pageB.waitForSelector('#accident-case[data-state=POLICE_REVIEW]');
            await checkPage(pageA, 'none-of-these-2-police');
            // why the police look at it, in English too
            await pageA.click('#language-toggle');
            await pageA.waitForFunction(() => document.documentElement.lang === 'en');
            await pageA.waitForFunction(() => {
                const reasons = document.querySelector('#police-reasons')?.textContent ?? '';
                return reasons !== '' && !/[\u4e00-\u9fff]/.test(reasons);
            });
            await checkPage(pageA, 'none-of-these-2-police-en');
            await pageA.click('#language-toggle');
            const caseId = pageA.url().split('/').pop().split('?')[0];
            const stored = await pageA.evaluate(async (id) => (await fetch(
                `/api/v1/accidents/${id}`, { headers: { Authorization:
                    `Bearer ${sessionStorage.getItem('anxing.token')}` } })).json(), caseId);
            assert.equal(stored.statements.A.account, account);
            assert.equal(stored.statements.A.declined, true);
        });

    test('a photo whose upload fails is kept on screen with a plain Chinese message, and sent'
        + ' again it is stored', async () => {
        const page = await openPage(await phone(browser, OTHER_SCENE));
        await signInThroughApi(page, { phone: freshPhone() }, '/#/accident/new');
        await reportToPhotos(page, `浙F${digits()}`, `浙F${digits()}`, null, OTHER_SCENE.road);
        const slot = SLOTS[0];
        // the first try meets a gateway's 503 (no JSON), the second a dropped connection
        let tries = 0;
        await page.route(`**/api/v1/accidents/*/photos/${slot}`, async (route) => {
            tries++;
            if (tries === 1) {
                await route.fulfill({ status: 503, contentType: 'text/html',
                    body: '<html><body>503 Service Temporarily Unavailable</body></html>' });
            } else if (tries === 2) await route.abort('internetdisconnected');
            else await route.continue();
        });
        const error = `.slot[data-slot=${slot}] .form-error:not([hidden])`;
        await page.setInputFiles(`input[data-slot=${slot}]`,
            { name: `${slot}.jpg`, mimeType: 'image/jpeg', buffer: JPEG });
        await page.waitForSelector(error);
        assert.match(await page.textContent(error), /照片没有上传成功.*照片已保留/);
        assert.equal(await page.getAttribute(`.slot[data-slot=${slot}]`, 'data-uploaded'),
            'false');
        assert.equal(await page.locator(`.slot[data-slot=${slot}] .thumb img`).count(), 1,
            'what was taken is still shown');
        await checkPage(page, 'photo-upload-failed');

        await page.click(`button[data-retry=${slot}]`);
        await page.waitForFunction((s) => /网络断开/.test(document.querySelector(
            `.slot[data-slot=${s}] .form-error`)?.textContent ?? ''), slot);
        assert.equal(await page.locator(`.slot[data-slot=${slot}] .thumb img`).count(), 1);

        await page.click(`button[data-retry=${slot}]`);
        await page.waitForSelector(`.slot[data-slot=${slot}][data-uploaded=true]`);
        assert.equal(tries, 3, 'the photo was sent three times, stored once');
        assert.equal(await page.locator(`.slot[data-slot=${slot}] .form-error:not([hidden])`)
            .count(), 0);
        await page.unroute(`**/api/v1/accidents/*/photos/${slot}`);
        assert.deepEqual(page.errors, []);
    });

    test('the first page loads in under a second with a cold cache', async () => {
        const context = await phoneContext(browser);
        const page = await context.newPage();
        const started = Date.now();
        await page.goto(`${BASE_URL}/#/signin`);
        await page.waitForSelector('#signin');
        const took = Date.now() - started;
        assert.ok(took < 1000, `the sign-in page took ${took} ms`);
        await checkPage(page, 'first-page-signin');
        await context.close();
    });

    test('someone hurt ends self-service: police review, and the injured are led to apply for a'
        + ' medical advance with the case filled in', async () => {
        const page = await openPage(await phone(browser, OTHER_SCENE));
        await signInThroughApi(page, { phone: freshPhone() }, '/#/accident/new');
        await page.waitForSelector('#accident-report');
        await page.click('#use-location');
        await page.waitForSelector('#report-road[data-road-name]');
        await page.fill('#report-form input[name=plates0]', `浙F${digits()}`);
        await page.fill('#report-form input[name=plates1]', `浙F${digits()}`);
        await chooseWeatherAndForm(page, 'RAIN', 'SIDE_COLLISION');
        await page.click('#report-submit');
        await page.waitForSelector('#accident-case[data-state=DRAFT]');
        for (const [question, answer] of [['anyoneInjured', 'yes'], ['vehiclesDrivable', 'yes'],
            ['allInsured', 'yes'], ['drinkOrDrugs', 'no'], ['facilityHit', 'no'],
            ['hazardousGoods', 'no']]) {
            await page.check(`#q-${question}-${answer}`);
        }
        await page.click('#checklist-submit');
        await page.waitForSelector('#accident-case[data-state=POLICE_REVIEW]');
        await page.waitForSelector('#medical-advance');
        // the calls first, plainly, then the application
        assert.equal(await page.getAttribute('#call-120', 'href'), 'tel:120');
        assert.equal(await page.getAttribute('#call-122', 'href'), 'tel:122');
        assert.ok(await page.evaluate(() => document.querySelector('#call-120')
            .compareDocumentPosition(document.querySelector('#medical-advance-apply'))
            & Node.DOCUMENT_POSITION_FOLLOWING), 'the calls come before the application');
        const call = await page.locator('#call-120').boundingBox();
        assert.ok(call.y + call.height < 844, 'the call button is on the first screen');
        await checkPage(page, 'injury-1-call-first');

        const caseNo = await page.evaluate(async (id) => (await (await fetch(
            `/api/v1/accidents/${id}`, { headers: { Authorization:
                `Bearer ${sessionStorage.getItem('anxing.token')}` } })).json()).caseNo,
        page.url().split('/').pop().split('?')[0]);
        await page.click('#medical-advance-apply');
        await page.waitForSelector('#pay-apply');
        // the accident comes from the case, said in words, and cannot be typed over
        const caseField = page.locator('#pay-apply input[name=caseId]');
        assert.notEqual(await caseField.inputValue(), '', 'the case is filled in');
        assert.equal(await caseField.inputValue(), caseNo);
        assert.equal(await caseField.getAttribute('readonly'), '');
        assert.equal(await page.getAttribute('#pay-apply input[name=accidentAt]', 'readonly'),
            '');
        assert.notEqual(await page.inputValue('#pay-apply input[name=accidentAt]'), '');
        assert.match(await page.textContent('#pay-from-case'), new RegExp(OTHER_SCENE.road));
        // the hospital is found by typing part of its name
        await page.fill('#pay-hospital-search', '中医');
        const shown = await page.locator('#pay-hospital option').evaluateAll(
            (options) => options.filter((o) => !o.hidden).map((o) => o.textContent));
        assert.deepEqual(shown, ['平湖市中医院']);
        assert.equal(await page.textContent('#pay-hospital option:checked'), '平湖市中医院');
        // who is hurt in people's words: no internal identifier asked for
        assert.doesNotMatch(await page.textContent('#pay-apply'), /伤者编号/);
        await checkPage(page, 'injury-2-application');
        assert.deepEqual(page.errors, []);
    });
});
