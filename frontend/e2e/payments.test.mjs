// Medical advance payment pages: the officer opens an application for a driver and issues the
// notice, the hospital bills, the insurer pays and confirms, and the driver sees each step.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
    desktopContext, freshPhone, launchBrowser, openPage, phoneContext, signInThroughApi,
} from './browser.mjs';
import { checkPage } from './quality.mjs';

/** A resident ID number whose check character is right (GB 11643). */
const ID_NUMBER = '330482199001011232';

/** 'YYYY-MM-DDTHH:MM' in Asia/Shanghai, what a datetime-local input takes. */
function shanghaiLocal(date) {
    const shifted = new Date(date.getTime() + 8 * 3600_000);
    return shifted.toISOString().slice(0, 16);
}

describe('the medical advance payment pages', () => {
    let browser;
    before(async () => { browser = await launchBrowser(); });
    after(async () => { await browser?.close(); });

    async function as(credentials, path, phone = false) {
        const context = phone ? await phoneContext(browser) : await desktopContext(browser);
        const page = await openPage(context);
        await signInThroughApi(page, credentials, path);
        return page;
    }

    async function stateIs(page, state) {
        await page.waitForSelector(`#pay-state[data-state=${state}]`);
    }

    test('from the application the officer opens for a driver to the hospital paid, with every'
        + ' step seen by the driver', async () => {
        const accident = new Date(Date.now() - 3 * 3600_000);
        const caseId = `WEB-${Date.now() % 1e8}`;
        const phone = freshPhone();
        const driver = await as({ phone }, '/#/payments', true);

        const police = await as({ username: 'police1' }, '/#/payments');
        await police.fill('#pay-apply input[name=caseId]', caseId);
        await police.fill('#pay-apply input[name=injuredPersonId]', '李梅');
        await police.fill('#pay-apply input[name=accidentAt]', shanghaiLocal(accident));
        await police.fill('#pay-apply input[name=applicantPhone]', phone);
        // the relation starts on 请选择 and must be chosen; the ID number is checked in full
        assert.equal(await police.inputValue('#pay-apply select[name=injuredRelation]'), '');
        await police.click('#pay-apply button[type=submit]');
        await police.waitForSelector('[data-field=injuredRelation] .field-error:not([hidden])');
        assert.match(await police.textContent('[data-field=injuredRelation] .field-error'),
            /请选择伤者与您的关系/);
        await police.selectOption('#pay-apply select[name=injuredRelation]', 'SPOUSE');
        await police.fill('#pay-apply input[name=injuredIdNumber]', '330482199001011233');
        await police.click('#pay-apply button[type=submit]');
        await police.waitForSelector('[data-field=injuredIdNumber] .field-error:not([hidden])');
        assert.match(await police.textContent('[data-field=injuredIdNumber] .field-error'),
            /身份证号码校验位不正确/);
        await checkPage(police, 'payments-1-apply-id-wrong');
        await police.fill('#pay-apply input[name=injuredIdNumber]', ID_NUMBER);
        await police.click('#pay-apply button[type=submit]');
        await stateIs(police, 'APPLIED');
        // the officer sees the number in full, never as the title; the next step has a date
        assert.match(await police.textContent('#pay-id-number'), new RegExp(ID_NUMBER));
        assert.doesNotMatch(await police.textContent('h1'), /3304/);
        assert.match(await police.textContent('#pay-injured'), /李梅（配偶）/);
        assert.match(await police.textContent('#pay-next'), /交警.*截止|截止.*交警/s);
        assert.ok(await police.getAttribute('#pay-next time', 'datetime'));
        await checkPage(police, 'payments-2-applied');
        const path = new URL(police.url()).hash.slice(1);
        await police.selectOption('#pay-notice select[name=insurerId]', 'PICC');
        await police.selectOption('#pay-notice select[name=liability]', 'LIABLE');
        await police.click('#pay-notice button[type=submit]');
        await stateIs(police, 'NOTICE_ISSUED');

        const hospital = await as({ username: 'hospital1' }, `/#${path}`);
        await hospital.fill('#pay-bill input[name=description]', '急诊抢救');
        await hospital.fill('#pay-bill input[name=renderedAt]',
            shanghaiLocal(new Date(accident.getTime() + 3600_000)));
        await hospital.fill('#pay-bill input[name=invoiceNumber]', 'INV-WEB-1');
        await hospital.fill('#pay-bill input[name=amount]', '1234.56');
        await hospital.click('#pay-bill button[type=submit]');
        await stateIs(hospital, 'BILLED');
        // next: the payer reviews within 5 working days, by a date the page gives
        assert.match(await hospital.textContent('#pay-next'), /5 个工作日/);
        assert.match(await hospital.textContent('#pay-next'), /截止/);
        assert.ok(await hospital.getAttribute('#pay-next time', 'datetime'));

        const insurer = await as({ username: 'insurer1' }, `/#${path}`);
        assert.equal(await insurer.inputValue('.pay-form[data-payer=PICC] input[name=amount]'),
            '1234.56');
        await insurer.click('.pay-form[data-payer=PICC] button[type=submit]');
        await stateIs(insurer, 'APPROVED');
        await insurer.click('#pay-payments button[data-action=disbursement]');
        await stateIs(insurer, 'PAID');

        await driver.reload();
        await driver.click(`#pay-list a[href="#${path}"]`);
        await stateIs(driver, 'PAID');
        const steps = await driver.locator('#pay-timeline li').evaluateAll(
            (items) => items.map((li) => li.dataset.what));
        assert.deepEqual(steps, ['APPLIED', 'NOTICE_ISSUED', 'BILLED', 'APPROVED', 'PAID']);
        // who acted, in plain words, with the date of each step
        const actors = await driver.locator('#pay-timeline li .actor').allTextContents();
        assert.deepEqual(actors, ['平湖市公安局交通警察大队', '平湖市公安局交通警察大队', '平湖市第一人民医院',
            '中国人保财险 平湖支公司', '中国人保财险 平湖支公司']);
        assert.equal(await driver.locator('#pay-timeline li time[datetime]').count(), 5);
        // the applicant sees the ID number masked
        assert.match(await driver.textContent('#pay-id-number'), /3304\*{10}1232/);
        assert.doesNotMatch(await driver.content(), new RegExp(ID_NUMBER));
        await checkPage(driver, 'payments-3-paid-timeline');
        await driver.goto(driver.url().replace(/#.*/, '#/payments'));
        await driver.waitForSelector('#pay-notifications li[data-what=PAID]');
        assert.equal(await driver.locator('#pay-notifications li[data-what]').count(), 5);
    });
});
