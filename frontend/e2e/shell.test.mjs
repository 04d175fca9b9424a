// The shell: sign-in in Chinese and English, phone and staff sign-in, and the home page's areas.
import { after, before, beforeEach, afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
    BASE_URL, fillStaffForm, freshPhone, launchBrowser, openPage, outsideRequests, phoneContext,
    signInAsStaff, signInByPhone,
} from './browser.mjs';

describe('the shell page', () => {
    let browser;
    let context;
    before(async () => { browser = await launchBrowser(); });
    after(async () => { await browser?.close(); });
    beforeEach(async () => { context = await phoneContext(browser); });
    afterEach(async () => { await context?.close(); });

    test('opens in Chinese, switches to English and remembers the choice', async () => {
        const page = await openPage(context);
        assert.equal(await page.locator('h1').textContent(), '登录');
        assert.equal(await page.locator('#tab-phone').textContent(), '手机验证码');
        assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');

        await page.click('#language-toggle');
        assert.equal(await page.locator('h1').textContent(), 'Sign in');
        assert.equal(await page.locator('#tab-staff').textContent(), 'Staff account');
        assert.equal(await page.locator('#language-toggle').textContent(), '中文');

        await page.reload();
        await page.waitForSelector('#signin');
        assert.equal(await page.locator('h1').textContent(), 'Sign in');
        assert.deepEqual(outsideRequests(page), [], 'the page must need nothing outside our server');
        assert.deepEqual(page.errors, []);
    });

    test('a driver signs in by phone code and sees the quick accident card', async () => {
        const page = await openPage(context);
        await signInByPhone(page, freshPhone());

        assert.match(await page.locator('#home h1').textContent(), /^你好，/);
        assert.ok(await page.locator('.role-chip[data-role=driver]').isVisible());
        const card = page.locator('.area-card[data-area=accident]');
        assert.equal(await card.locator('strong').textContent(), '事故快处');
        assert.equal(await page.locator('.area-card[data-area=review]').count(), 0);
        assert.ok(page.url().endsWith('#/home'));

        await card.click();
        await page.waitForSelector('#area[data-area=accident]');
    });

    test('police1 signs in with a password and sees the accident review card', async () => {
        const page = await openPage(context);
        await signInAsStaff(page, 'police1');

        assert.ok(await page.locator('.role-chip[data-role=police]').isVisible());
        assert.equal(await page.locator('.area-card[data-area=review] strong').textContent(),
            '事故审核');
        assert.equal(await page.locator('.area-card[data-area=accident]').count(), 0);

        await page.click('#sign-out');
        await page.waitForSelector('#signin');
        assert.equal(await page.evaluate(() => sessionStorage.getItem('anxing.token')), null);
    });

    test('a wrong password is shown next to the field at fault', async () => {
        const page = await openPage(context);
        await fillStaffForm(page, 'police1', 'not-the-password');

        const error = page.locator('#signin-staff .field-error:visible');
        await error.waitFor();
        const fieldName = await error.evaluate((element) => element.closest('.field').dataset.field);
        assert.ok(['password', 'username'].includes(fieldName), `error under ${fieldName}`);
        assert.notEqual((await error.textContent()).trim(), '');
        assert.equal(await page.getAttribute(`#signin-staff input[name=${fieldName}]`,
            'aria-invalid'), 'true');
        assert.ok(page.url().includes('#/signin'), 'still on the sign-in page');
    });

    test('a page that needs sign-in sends a stranger to sign-in and back afterwards', async () => {
        const page = await openPage(context, '/#/area/accident');
        await page.waitForSelector('#signin');
        assert.ok(page.url().includes('next=%2Farea%2Faccident'), page.url());
        await signInByPhone(page, freshPhone(), { landing: '#area[data-area=accident]' });
    });

    test('a token the server no longer accepts leads back to sign-in', async () => {
        const page = await openPage(context);
        await page.evaluate(() => {
            sessionStorage.setItem('anxing.token', 'not-a-real-token');
            sessionStorage.setItem('anxing.user', JSON.stringify({ roles: ['driver'] }));
        });
        await page.goto(`${BASE_URL}/#/home`);
        await page.waitForSelector('#signin');
        assert.equal(await page.evaluate(() => sessionStorage.getItem('anxing.token')), null);
        assert.equal(await page.locator('#session-expired').textContent(), '登录已过期，请重新登录。');
    });
});
