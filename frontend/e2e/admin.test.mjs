// The admin's page: an insurer account is made for CPIC, signs in, sees only CPIC's work and
// may pay only as CPIC; once the admin disables it, its very next request is refused.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { desktopContext, launchBrowser, openPage, signInThroughApi } from './browser.mjs';
import { checkWords } from './quality.mjs';

const SHOTS = process.env.SCREENSHOT_DIR ?? '../target/screenshots';

describe('the admin page', () => {
    let browser;
    before(async () => {
        browser = await launchBrowser();
        mkdirSync(SHOTS, { recursive: true });
    });
    after(async () => { await browser?.close(); });

    /** The page's own API call with its session token; answers status and body. */
    function call(page, method, path, body) {
        return page.evaluate(async ({ method, path, body }) => {
            const response = await fetch(path, {
                method,
                headers: { 'Content-Type': 'application/json',
                    Authorization: `Bearer ${sessionStorage.getItem('anxing.token')}` },
                body: body === undefined ? undefined : JSON.stringify(body),
            });
            return { status: response.status, body: await response.text() };
        }, { method, path, body });
    }

    test('creates a CPIC insurer that works only as CPIC, then disables it at once', async () => {
        const admin = await openPage(await desktopContext(browser));
        await signInThroughApi(admin, { username: 'admin' }, '/#/admin');
        await admin.waitForSelector('#admin-account-new');
        const username = `cpic.web${Date.now() % 100000}`;
        await admin.fill('#admin-account-new input[name=username]', username);
        await admin.fill('#admin-account-new input[name=displayName]', '太保 网页测试');
        await admin.fill('#admin-account-new input[name=password]', 'a-long-password');
        await admin.selectOption('#admin-account-new select[name=organisation]', 'CPIC');
        await admin.click('#admin-account-new button[type=submit]');
        const row = `form[data-username="${username}"]`;
        await admin.waitForSelector(row);
        assert.match(await admin.textContent(row), /中国太平洋财产保险/);
        await checkWords(admin, 'admin-accounts');

        const cpic = await openPage(await desktopContext(browser));
        await signInThroughApi(cpic, { username, password: 'a-long-password' }, '/#/payments');
        await cpic.waitForSelector('h1');
        const me = JSON.parse((await call(cpic, 'GET', '/api/v1/auth/me')).body);
        assert.equal(me.organisation, 'CPIC');
        const inbox = JSON.parse((await call(cpic, 'GET', '/api/v1/insurer/notifications')).body);
        assert.ok(inbox.every((d) => d.insurer === 'CPIC'), JSON.stringify(inbox));
        const day = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
        assert.equal((await call(cpic, 'GET',
            `/api/v1/payments/reconciliation?date=${day}&payerId=PICC`)).status, 403);
        const applications = JSON.parse((await call(cpic, 'GET',
            '/api/v1/payments/applications')).body);
        for (const application of applications) {
            const seen = JSON.parse((await call(cpic, 'GET',
                `/api/v1/payments/applications/${application.id}`)).body);
            assert.ok(seen.payers.some((p) => p.payerId === 'CPIC'), application.id);
        }
        await checkWords(cpic, 'admin-cpic-payments');

        await admin.click(`${row} button.admin-toggle`);
        await admin.waitForSelector(`${row} .admin-off`);
        await checkWords(admin, 'admin-disabled');
        assert.equal((await call(cpic, 'GET', '/api/v1/auth/me')).status, 401);
        // the page's next request is refused too, and the page sends it to sign in again
        await cpic.reload();
        await cpic.waitForFunction(() => location.hash.startsWith('#/signin'));
        await checkWords(cpic, 'admin-cpic-refused');
    });

    test('makes a police supervisor of the city squadron, who signs in with both roles', async () => {
        const admin = await openPage(await desktopContext(browser));
        await signInThroughApi(admin, { username: 'admin' }, '/#/admin');
        await admin.waitForSelector('#admin-account-new');
        const box = '#admin-account-new .admin-supervisor';
        // offered only for a police unit
        await admin.selectOption('#admin-account-new select[name=organisation]', 'CPIC');
        assert.equal(await admin.isVisible(box), false);
        await admin.selectOption('#admin-account-new select[name=organisation]',
            'pinghu-police-1');
        assert.equal(await admin.isVisible(box), true);
        const username = `sup.web${Date.now() % 100000}`;
        await admin.fill('#admin-account-new input[name=username]', username);
        await admin.fill('#admin-account-new input[name=displayName]', '督导 网页测试');
        await admin.fill('#admin-account-new input[name=password]', 'a-long-password');
        await admin.check(`${box} input`);
        await admin.click('#admin-account-new button[type=submit]');
        const row = `form[data-username="${username}"]`;
        await admin.waitForSelector(row);
        assert.match(await admin.textContent(`${row} .admin-roles`), /交警督导/);
        assert.equal(await admin.isChecked(`${row} .admin-supervisor input`), true);
        await checkWords(admin, 'admin-supervisor');

        const supervisor = await openPage(await desktopContext(browser));
        await signInThroughApi(supervisor, { username, password: 'a-long-password' },
            '/#/police');
        const me = JSON.parse((await call(supervisor, 'GET', '/api/v1/auth/me')).body);
        assert.deepEqual([...me.roles].sort(), ['police', 'police_supervisor']);
        assert.equal(me.organisation, 'pinghu-police-1');

        // the row takes the role away again
        await admin.uncheck(`${row} .admin-supervisor input`);
        await admin.click(`${row} button:has-text("保存角色与单位")`);
        await admin.waitForFunction((selector) => {
            const roles = document.querySelector(`${selector} .admin-roles`)?.textContent;
            return roles !== undefined && !roles.includes('督导');
        }, row);
        const after = JSON.parse((await call(admin, 'GET', '/api/v1/admin/accounts')).body)
            .find((/** @type {{username: string}} */ a) => a.username === username);
        assert.deepEqual(after.roles, ['police']);
    });
});
