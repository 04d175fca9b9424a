/**
 * What every page a driver or an injured person sees must pass, checked on the page as it is
 * (Lighthouse-style, without Lighthouse): usable at 360 px with no horizontal scroll, touch
 * targets of at least 44 × 44 px, text contrast AA, and no text a person should not see: in
 * Chinese mode no English sentence (an API message shown in the wrong half), and in any mode
 * no internal code (an UPPER_CASE enum name, an `insurer:`/`payer:` identifier).
 *
 *   await checkPage(page, 'accident-photos');   // also leaves target/e2e-screenshots/<name>.png
 *
 * Values shown verbatim on purpose (share code, verification code) carry `data-verbatim`;
 * proper names that may be in capitals (an insurer's English name) `data-proper-name`.
 */
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PHONE_VIEWPORT } from './browser.mjs';

export const SHOTS = process.env.SCREENSHOT_DIR ?? path.resolve('..', 'target', 'e2e-screenshots');

/**
 * Collected in the page: what breaks the rules, as lines a person can read. With `words` only
 * the words are checked (a staff page on a desk, whose layout rules are not a phone's).
 */
function findProblems({ chinese, width, words = false }) {
    const problems = [];
    const visible = (element) => element.checkVisibility?.({ opacityProperty: true,
        visibilityProperty: true }) ?? true;
    const skip = (element) => element.closest('[data-verbatim], .maplibregl-map,'
        + ' svg, script,'
        + ' style, #app-header .brand-latin');
    const root = document.body;

    // against the phone's width, not innerWidth: a phone zooms out to show a page too wide
    if (!words && document.documentElement.scrollWidth > width + 1) {
        problems.push(`horizontal scroll: ${document.documentElement.scrollWidth} px wide `
            + `in ${width}`);
    }

    const targets = root.querySelectorAll('a[href], button, select, textarea, '
        + 'input:not([type=radio]):not([type=checkbox]):not([type=file]), label.choice, '
        + 'label.scenario-card, label.camera-button');
    for (const element of words ? [] : targets) {
        if (!visible(element)
            || element.closest('.maplibregl-ctrl-attrib')) continue;
        const box = element.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) continue;
        if (box.height < 44 - 0.5 || box.width < 44 - 0.5) {
            problems.push(`touch target ${Math.round(box.width)}×${Math.round(box.height)}: `
                + `${element.tagName.toLowerCase()}#${element.id} "${element.textContent.trim()
                    .slice(0, 30)}"`);
        }
    }

    const rgb = (text) => (text.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r, g, b]) => {
        const c = [r, g, b].map((v) => {
            const s = v / 255;
            return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    };
    const background = (element) => {
        for (let e = element; e; e = e.parentElement) {
            const [r, g, b, a = 1] = rgb(getComputedStyle(e).backgroundColor);
            if (a > 0.5) return [r, g, b];
        }
        return [255, 255, 255];
    };

    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const texts = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent.trim();
        const parent = node.parentElement;
        if (!text || !parent || skip(parent) || !visible(parent)) continue;
        if (parent.closest('option') && !parent.closest('option').selected) continue;
        // an insurer's English name may start with its brand in capitals ("PICC Property and
        // Casualty"): such names carry data-proper-name and skip only the capitals rule
        texts.push({ text, properName: Boolean(parent.closest('[data-proper-name]')) });
        const style = getComputedStyle(parent);
        if (words || parent.closest('button:disabled')) continue;
        const ratio = (() => {
            const fg = luminance(rgb(style.color));
            const bg = luminance(background(parent));
            return (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
        })();
        const size = parseFloat(style.fontSize);
        const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
        if (ratio < (large ? 3 : 4.5)) {
            problems.push(`contrast ${ratio.toFixed(2)}: "${text.slice(0, 30)}"`);
        }
    }
    for (const { text, properName } of texts) {
        if (/\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/.test(text)
            || (!properName && /\b[A-Z]{4,}\b/.test(text))
            || /\b(insurer|payer):/i.test(text)) {
            problems.push(`internal code in visible text: "${text.slice(0, 60)}"`);
        }
        if (chinese && /[A-Za-z]{2,}[,.]?(\s+[A-Za-z]{2,}[,.]?){2,}/.test(text)) {
            problems.push(`English in Chinese mode: "${text.slice(0, 60)}"`);
        }
    }
    return problems;
}

/**
 * Takes the picture `name`.png, then checks the page at 390 px and again at 360 px.
 * @param {import('playwright-core').Page} page
 * @param {string} name
 */
export async function checkPage(page, name) {
    await mkdir(SHOTS, { recursive: true });
    await page.waitForLoadState('networkidle').catch(() => {});
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
    const chinese = await page.evaluate(() => document.documentElement.lang !== 'en');
    const problems = await page.evaluate(findProblems,
        { chinese, width: page.viewportSize()?.width ?? PHONE_VIEWPORT.width });
    await page.setViewportSize({ width: 360, height: PHONE_VIEWPORT.height });
    const narrow = await page.evaluate(findProblems, { chinese, width: 360 });
    await page.setViewportSize(PHONE_VIEWPORT);
    const all = [...new Set([...problems, ...narrow.map((p) => `at 360 px: ${p}`)])];
    assert.deepEqual(all, [], `${name}: ${all.join('\n')}`);
}

/**
 * The words of a staff page (police, coordinator, admin, insurer, the maps) at its own desktop
 * viewport: takes the picture `name`.png and fails on an internal code in visible text, or an
 * English sentence in Chinese mode. Layout rules are the phone pages' (`checkPage`).
 * @param {import('playwright-core').Page} page
 * @param {string} name
 */
export async function checkWords(page, name) {
    await mkdir(SHOTS, { recursive: true });
    await page.waitForLoadState('networkidle').catch(() => {});
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
    const chinese = await page.evaluate(() => document.documentElement.lang !== 'en');
    const problems = await page.evaluate(findProblems, { chinese, width: 0, words: true });
    assert.deepEqual(problems, [], `${name}: ${problems.join('\n')}`);
}
