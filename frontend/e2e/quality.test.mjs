// The page checks themselves: a check that cannot fail proves nothing, so each rule is shown
// failing on a page made to break it (an English API message in Chinese mode, an enum name,
// an insurer identifier, a tiny button, a page wider than the phone), and passing on the
// sign-in page as it is.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, openPage, phoneContext } from './browser.mjs';
import { checkPage, checkWords } from './quality.mjs';

describe('the page checks', () => {
    let browser;
    let page;
    before(async () => {
        browser = await launchBrowser();
        page = await openPage(await phoneContext(browser));
        await page.waitForSelector('h1');
    });
    after(async () => { await browser?.close(); });

    /** Adds `html` to the page, runs `check`, takes it away again; answers the failure. */
    async function failureWith(html, check) {
        await page.evaluate((markup) => {
            const box = document.createElement('div');
            box.id = 'planted';
            // markup made by this test, parsed as a page would show it
            box.append(...new DOMParser().parseFromString(markup, 'text/html').body.childNodes);
            document.body.append(box);
        }, html);
        try {
            await check(page, 'quality-planted');
            return null;
        } catch (error) {
            return String(/** @type {Error} */ (error).message);
        } finally {
            await page.evaluate(() => document.getElementById('planted')?.remove());
        }
    }

    test('pass the sign-in page as it is', async () => {
        await checkPage(page, 'quality-signin');
        await checkWords(page, 'quality-signin-words');
    });

    test('fail on an English API message shown on a Chinese page', async () => {
        const failure = await failureWith('<p>Case not found for this user</p>', checkWords);
        assert.match(failure ?? '', /English in Chinese mode: "Case not found/);
    });

    test('fail on an enum name or an insurer identifier in visible text', async () => {
        assert.match(await failureWith('<p>状态：POLICE_REVIEW</p>', checkWords) ?? '',
            /internal code in visible text: "状态：POLICE_REVIEW/);
        assert.match(await failureWith('<p>保险公司 insurer:PICC</p>', checkWords) ?? '',
            /internal code in visible text/);
        // hidden text and values shown verbatim on purpose are not words on the page
        assert.equal(await failureWith('<p hidden>POLICE_REVIEW</p>'
            + '<p data-verbatim>ABCD_EF</p>', checkWords), null);
    });

    test('fail on a small touch target and on a page wider than the phone', async () => {
        assert.match(await failureWith('<button style="height:20px;width:20px">x</button>',
            checkPage) ?? '', /touch target 20×20/);
        assert.match(await failureWith('<div style="width:900px;height:10px"></div>',
            checkPage) ?? '', /horizontal scroll/);
    });
});
