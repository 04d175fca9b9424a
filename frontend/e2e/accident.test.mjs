// Accident self-service on two phones: report, checklist, photos, the other driver joining by
// share code, statements, signatures, the agreement and the insurers' notifications; and a
// disputed case that the police officer finds in the review queue and decides.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
    BASE_URL, desktopContext, freshPhone, launchBrowser, openPage, outsideRequests, phoneContext,
    signInAsStaff, signInThroughApi,
} from './browser.mjs';

/** A 32×24 JPEG made with javax.imageio (the server reads the type from these bytes). */
const JPEG = Buffer.from('/9j/4AAQSkZJRgABAgAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/2wBDAQkJCQwLDBgNDRgyIRwhMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjL/wAARCAAYACADASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwDur6+ttNspby8mWG3iXc7t0A/qewHUmuJ/4W5oH/PpqX/fuP8A+Lq78SNDv9b8OILANI9tL5zW64zINpHHGSwzwARkE9TivC6w4F4NyjOcBLEYqblO9uVO3Kul+uu99ui1TO7MMdWoVFGCsvzPpbRtZste02O/sJd8T8EHhkburDsR/wDXGQQav1558KNGvdP028v7qLy4r7yzAG+8yru+bHYHdx64z0wT6HX5/wARYDDZfmlbCYWfPCLsn8k2tOsXeL810PSw1SVWjGc1ZsKKKK8U3CiiigD/2Q==', 'base64');
/** On 柏里大道 in the demo map (Guixi). */
const SCENE = { latitude: 28.29663, longitude: 117.20555 };
const SLOTS = ['panorama-front', 'panorama-rear', 'collision-point', 'plate-1', 'plate-2'];

const digits = () => String(Math.floor(Math.random() * 1e5)).padStart(5, '0');

async function phone(browser) {
    const context = await phoneContext(browser);
    await context.grantPermissions(['geolocation'], { origin: new URL(BASE_URL).origin });
    await context.setGeolocation(SCENE);
    return context;
}

/** Phone A reports the accident and takes the photos; returns the join link the QR shows. */
async function reportAndPhotograph(page, plateA, plateB) {
    await page.waitForSelector('#accident-report');
    await page.click('#use-location');
    await page.waitForSelector('#report-road[data-road-name]');
    assert.equal(await page.getAttribute('#report-road', 'data-road-name'), '柏里大道');
    await page.fill('#report-form input[name=plates0]', plateA);
    await page.fill('#report-form input[name=plates1]', plateB);
    await page.click('#report-submit');
    await page.waitForSelector('#accident-case[data-state=DRAFT]');

    for (const [question, answer] of [['anyoneInjured', 'no'], ['vehiclesDrivable', 'yes'],
        ['allInsured', 'yes'], ['drinkOrDrugs', 'no'], ['facilityHit', 'no'],
        ['hazardousGoods', 'no']]) {
        await page.check(`#q-${question}-${answer}`);
    }
    await page.click('#checklist-submit');
    await page.waitForSelector('#accident-case[data-state=EVIDENCE]');

    for (const slot of SLOTS) {
        await page.setInputFiles(`input[data-slot=${slot}]`,
            { name: `${slot}.jpg`, mimeType: 'image/jpeg', buffer: JPEG });
        await page.waitForSelector(`.slot[data-slot=${slot}][data-uploaded=true], `
            + '#accident-case[data-state=PARTIES]');
    }
    await page.waitForSelector('#accident-case[data-state=PARTIES]');
    const code = (await page.textContent('#share-code')).trim();
    const link = await page.getAttribute('#share-link', 'href');
    assert.ok(link.endsWith(`#/accident/join/${code}`), link);
    assert.equal(await page.locator('#share-qr svg').count(), 1, 'a QR code of the link');
    return link;
}

async function enterDetails(page, { name, licence, insurer }) {
    await page.waitForSelector('#party-form');
    await page.fill('#party-form input[name=name]', name);
    await page.fill('#party-form input[name=vehicleType]', '小型轿车');
    await page.fill('#party-form input[name=licenceNo]', licence);
    await page.selectOption('#party-form select[name=insurerCode]', insurer);
    await page.fill('#party-form input[name=policyNo]', `PDZA${digits()}`);
    await page.fill('#party-form input[name=collisionPart]', '车头');
    await page.click('#party-submit');
}

async function state(page, saysA, saysB) {
    await page.waitForSelector('#statement-form');
    await page.selectOption('#statement-form select[name=says-A]', saysA);
    await page.selectOption('#statement-form select[name=says-B]', saysB);
    await page.click('#statement-submit');
}

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

/** Both phones up to the liability step; returns the two pages. */
async function twoPhonesInLiability(browser) {
    const plateA = `浙F${digits()}`;
    const plateB = `浙FD${digits()}`;
    const pageA = await openPage(await phone(browser));
    await signInThroughApi(pageA, { phone: freshPhone() }, '/#/accident/new');
    const joinLink = await reportAndPhotograph(pageA, plateA, plateB);

    const pageB = await openPage(await phone(browser));
    // what scanning the QR code opens on the second phone
    await signInThroughApi(pageB, { phone: freshPhone() }, `/${joinLink.slice(joinLink.indexOf('#'))}`);
    await pageB.waitForSelector('#accident-case[data-my-label=B]');
    assert.equal(await pageB.inputValue('#party-form input[name=plate]'), plateB,
        'the second phone is offered the plate nobody has claimed');

    await enterDetails(pageA, { name: '张三', licence: '330482199001011234', insurer: 'PICC' });
    await pageA.waitForSelector('#party-saved');
    await enterDetails(pageB, { name: '李四', licence: '330482198505052345', insurer: 'PINGAN' });
    await pageA.waitForSelector('#accident-case[data-state=LIABILITY]');
    await pageB.waitForSelector('#accident-case[data-state=LIABILITY]');
    return { pageA, pageB, plateA, plateB };
}

describe('accident self-service on two phones', () => {
    let browser;
    before(async () => { browser = await launchBrowser(); });
    after(async () => { await browser?.close(); });

    test('a rear-end collision is settled, signed, verifiable, and both insurers are notified',
        async () => {
            const { pageA, pageB } = await twoPhonesInLiability(browser);
            await state(pageA, 'NOT_AT_FAULT', 'REAR_END');
            await pageA.waitForSelector('#statement-waiting');
            await state(pageB, 'NOT_AT_FAULT', 'REAR_END');

            for (const page of [pageA, pageB]) {
                await page.waitForSelector('#decision [data-label=B][data-grade=FULL]');
                assert.equal(await page.getAttribute('#decision [data-label=A]', 'data-grade'),
                    'NONE');
                assert.match(await page.textContent('#decision [data-label=B]'), /全部责任/);
            }
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

            const [download] = await Promise.all([pageA.waitForEvent('download'),
                pageA.click('#agreement-pdf')]);
            const pdfPath = await download.path();
            const { readFile } = await import('node:fs/promises');
            assert.equal((await readFile(pdfPath)).subarray(0, 4).toString(), '%PDF');

            const checker = await openPage(await phoneContext(browser), `/#/verify/${code}`);
            await checker.waitForSelector('#verify[data-genuine=true]');

            for (const page of [pageA, pageB]) {
                assert.deepEqual(outsideRequests(page), []);
                assert.deepEqual(page.errors, []);
            }
        });

    test('a disputed case goes to police review; the officer finds it in the queue and decides',
        async () => {
            const { pageA, pageB, plateA } = await twoPhonesInLiability(browser);
            await state(pageA, 'NOT_AT_FAULT', 'REAR_END');
            await state(pageB, 'REVERSING', 'NOT_AT_FAULT');
            await pageB.waitForSelector('#accident-case[data-state=POLICE_REVIEW]');
            await pageA.waitForSelector('#accident-case[data-state=POLICE_REVIEW]');
            assert.match(await pageA.textContent('#police-reasons'), /陈述不一致/);
            const caseId = pageA.url().split('/').pop();

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
    test('someone hurt ends self-service: police review, and the injured are led to apply for a'
        + ' medical advance with the case filled in', async () => {
        const page = await openPage(await phone(browser));
        await signInThroughApi(page, { phone: freshPhone() }, '/#/accident/new');
        await page.waitForSelector('#accident-report');
        await page.click('#use-location');
        await page.waitForSelector('#report-road[data-road-name]');
        await page.fill('#report-form input[name=plates0]', `浙F${digits()}`);
        await page.fill('#report-form input[name=plates1]', `浙F${digits()}`);
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

        await page.click('#medical-advance-apply');
        await page.waitForSelector('#pay-apply');
        const caseField = page.locator('#pay-apply input[name=caseId]');
        assert.notEqual(await caseField.inputValue(), '', 'the case is filled in');
        assert.deepEqual(page.errors, []);
    });
});
