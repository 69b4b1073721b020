// The municipality's administrator adds a holiday of the municipality by keyboard alone, in
// Debian's Chromium: from the settings in the menu to the holidays page, a wrong date first (the
// error summary takes the focus and its link leads to the date), then the right one, every year;
// then removes it. Every page is checked with axe and saved for the Nu checker, and the page is
// looked at a phone's width.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import {
  launchBrowser, newPage, checkPage, tabTo, fill, pressAndWait, path, problems, logInByKeyboard, menu, focusMatches,
} from './lib/browser.mjs';
import { startServer } from '../integration/lib/server.mjs';
import { parseDemoLogins } from '../integration/lib/flows.mjs';

let srv;
let browser;
let logins;

before(async () => {
  srv = await startServer({ seed: true });
  logins = parseDemoLogins(await srv.demoLogins());
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await srv?.stop();
});

test('the administrator adds and removes a holiday of the municipality by keyboard', async () => {
  const page = await newPage(browser);
  await logInByKeyboard(page, srv.baseUrl, logins.tenant_admin.email, logins.tenant_admin.password, 'holidays-login');
  await menu(page, '/admin/settings', 'holidays-settings');
  await tabTo(page, 'main a[href="/admin/settings/holidays"]');
  assert.equal(await pressAndWait(page, 'Enter'), 200);
  assert.equal(path(page), '/admin/settings/holidays');
  await checkPage(page, 'holidays-list');
  assert.match(await page.locator('main table').innerText(), /Υπαπαντή του Χριστού/);

  // A date that does not exist: 31 April.
  await fill(page, 'main input#date', '31');
  await fill(page, 'main input[name="date-month"]', '4');
  await fill(page, 'main input[name="date-year"]', '2027');
  await fill(page, 'main input#name', 'Γιορτή της πόλης');
  assert.equal(await pressAndWait(page, 'Enter'), 422);
  await checkPage(page, 'holidays-wrong-date');
  assert.match(await problems(page), /Αυτή η ημερομηνία δεν υπάρχει/);
  // The summary's link leads to the date's first box.
  await tabTo(page, '.error-summary a[href="#date"]');
  await page.keyboard.press('Enter');
  assert.ok(await focusMatches(page, 'input#date'), 'the link focuses the day box');

  await page.keyboard.press('Control+A');
  await page.keyboard.type('30');
  await tabTo(page, 'main input#yearly');
  await page.keyboard.press('Space');
  await tabTo(page, 'main form[action="/admin/settings/holidays"] button[type=submit]');
  assert.equal(await pressAndWait(page, 'Enter'), 200, await problems(page));
  assert.equal(path(page), '/admin/settings/holidays');
  await checkPage(page, 'holidays-added');
  const list = await page.locator('main table').innerText();
  assert.match(list, /Γιορτή της πόλης/);
  assert.match(list, /30 Απριλίου, κάθε χρόνο από το 2027/);

  // Remove it with its own button (its hidden text names the holiday).
  await tabTo(page, 'main form[action="/admin/settings/holidays/2027-04-30/remove"] button');
  assert.equal(await pressAndWait(page, 'Enter'), 200);
  await checkPage(page, 'holidays-removed');
  assert.doesNotMatch(await page.locator('main').innerText(), /Γιορτή της πόλης/);
  await page.context().close();
});
