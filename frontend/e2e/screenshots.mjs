// Takes screenshots of the shell's pages, to look at them: `BASE_URL=... node e2e/screenshots.mjs
// /tmp/shots` (not a test: node --test only runs *.test.mjs). Copy a step to look at a new page.
import { mkdir } from 'node:fs/promises';
import {
    BASE_URL, desktopContext, freshPhone, launchBrowser, openPage, phoneContext, signInAsStaff,
    signInByPhone,
} from './browser.mjs';

const out = process.argv[2] ?? '/tmp/anxing-screenshots';
await mkdir(out, { recursive: true });
const browser = await launchBrowser();
try {
    const phone = await openPage(await phoneContext(browser));
    await phone.screenshot({ path: `${out}/signin.png` });
    await signInByPhone(phone, freshPhone());
    await phone.screenshot({ path: `${out}/home-driver.png` });

    await phone.goto(`${BASE_URL}/#/map`);
    await phone.waitForSelector('#road-map[data-roads=loaded]');
    await phone.screenshot({ path: `${out}/map.png` });
    const box = await phone.locator('#road-map').boundingBox();
    await phone.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await phone.waitForSelector('.snap-result, .snap-error');
    await phone.waitForTimeout(400);
    await phone.screenshot({ path: `${out}/map-snap.png` });

    const english = await openPage(await phoneContext(browser));
    await english.click('#language-toggle');
    await english.click('#tab-staff');
    await english.screenshot({ path: `${out}/signin-staff-en.png` });

    const desktop = await openPage(await desktopContext(browser));
    await signInAsStaff(desktop, 'police1');
    await desktop.screenshot({ path: `${out}/home-police-desktop.png` });
    console.log(`screenshots in ${out}`);
} finally {
    await browser.close();
}
