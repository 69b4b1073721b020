// Two-step log-in by keyboard alone, in Debian's Chromium, on an install that requires it: the
// demo's member of staff types the password, then the code of the authenticator app (computed
// here from the key in the demo's log-ins, as the app does), reaches the two-step settings from
// the account page and makes new recovery codes. A citizen's set-up page, with its QR code, is
// looked at a phone's width. Every page is checked with axe and saved for the Nu checker.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import {
  launchBrowser, newPage, checkPage, tabTo, fill, pressAndWait, path, problems, logInByKeyboard, visit,
} from './lib/browser.mjs';
import { startServer } from '../integration/lib/server.mjs';
import { parseDemoLogins, totp } from '../integration/lib/flows.mjs';

let srv;
let browser;
let logins;

before(async () => {
  srv = await startServer({ seed: true, env: { SYNERGEIA_SECOND_FACTOR: '1' } });
  logins = parseDemoLogins(await srv.demoLogins());
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await srv?.stop();
});

test('a member of staff logs in with the app\'s code and makes new recovery codes, by keyboard', async () => {
  const { email, password, totpSecret } = logins.staff;
  const page = await newPage(browser);
  await visit(page, `${srv.baseUrl}/login`, 'second-factor-login');
  await fill(page, 'main input#email', email);
  await fill(page, 'main input#password', password);
  assert.equal(await pressAndWait(page, 'Enter'), 200);
  assert.equal(path(page), '/login/code');
  await checkPage(page, 'second-factor-code');

  // A wrong code first: the summary says so, in Greek.
  await fill(page, 'main input#code', totp(totpSecret) === '000000' ? '111111' : '000000');
  assert.equal(await pressAndWait(page, 'Enter'), 422);
  await checkPage(page, 'second-factor-code-wrong');
  assert.match(await problems(page), /Ο κωδικός δεν είναι σωστός/);
  await tabTo(page, 'main input#code');
  await page.keyboard.press('Control+A');
  await page.keyboard.type(totp(totpSecret));
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/my$/);
  await checkPage(page, 'second-factor-my-page');
  await tabTo(page, '.account-nav a[href="/account"]');
  assert.equal(await pressAndWait(page, 'Enter'), 200);
  await checkPage(page, 'second-factor-account');

  await tabTo(page, 'main a[href="/account/two-factor"]');
  assert.equal(await pressAndWait(page, 'Enter'), 200);
  await checkPage(page, 'second-factor-settings');
  await fill(page, 'main input#password', password);
  assert.equal(await pressAndWait(page, 'Enter'), 200, await problems(page));
  await checkPage(page, 'second-factor-new-codes');
  assert.equal(await page.locator('main .recovery-codes li').count(), 10);
  await page.context().close();
});

test('the set-up page with its QR code fits a phone', async () => {
  const phone = await newPage(browser, { viewport: { width: 390, height: 844 } });
  await logInByKeyboard(phone, srv.baseUrl, logins.citizen.email, logins.citizen.password, 'second-factor-phone-login');
  await visit(phone, `${srv.baseUrl}/account/two-factor`, 'second-factor-phone-setup');
  const widths = await phone.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    qr: document.querySelector('main svg.qr-code').getBoundingClientRect().right,
    key: document.querySelector('main code.secret').getBoundingClientRect().right,
  }));
  assert.ok(widths.page <= 390 && widths.qr <= 390 && widths.key <= 390, JSON.stringify(widths));
  await phone.context().close();
});
