// The municipality's administrator invites a new member of staff into a department and gives
// them a second role, by keyboard alone, in Debian's Chromium: from «Πρόσωπα» in the menu to the
// invitation form, a mistake first (the error summary takes the focus and its link leads to the
// field), then the invitation; on the person's page a role of the whole municipality. Every page
// is checked with axe and saved for the Nu checker.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import {
  launchBrowser, newPage, checkPage, tabTo, fill, pressAndWait, path, problems, logInByKeyboard, menu, focusMatches, chooseByKeyboard,
} from './lib/browser.mjs';
import { startServer } from '../integration/lib/server.mjs';
import { parseDemoLogins, uniqueEmail } from '../integration/lib/flows.mjs';

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

test('the administrator invites a member of staff into a department and gives a second role, by keyboard', async () => {
  const page = await newPage(browser);
  await logInByKeyboard(page, srv.baseUrl, logins.tenant_admin.email, logins.tenant_admin.password, 'people-login');
  await menu(page, '/admin/people', 'people-list');
  await tabTo(page, 'main a[href="/admin/people/invite"]');
  assert.equal(await pressAndWait(page, 'Enter'), 200);
  await checkPage(page, 'people-invite');

  // A member of staff without a unit: refused, and the summary leads to the unit.
  const email = uniqueEmail('eleni');
  await fill(page, 'main input#email', email);
  await fill(page, 'main input#display_name', 'Ελένη Πληκτρολογίου');
  await chooseByKeyboard(page, 'main select#role', /^Προσωπικό του Δήμου$/);
  await tabTo(page, 'main form[action="/admin/people/invite"] button[type=submit]');
  assert.equal(await pressAndWait(page, 'Enter'), 422);
  await checkPage(page, 'people-invite-no-unit');
  assert.match(await problems(page), /Επιλέξτε τη μονάδα στην οποία ασκείται ο ρόλος/);
  await tabTo(page, '.error-summary a[href="#unit_id"]');
  await page.keyboard.press('Enter');
  assert.ok(await focusMatches(page, 'select#unit_id'), 'the link focuses the unit');

  await chooseByKeyboard(page, 'main select#unit_id', /Τεχνικές Υπηρεσίες/);
  await tabTo(page, 'main form[action="/admin/people/invite"] button[type=submit]');
  assert.equal(await pressAndWait(page, 'Enter'), 200, await problems(page));
  assert.match(path(page), /^\/admin\/people\/\d+$/);
  await checkPage(page, 'people-invited');
  assert.match(await page.locator('main').innerText(), /Προσωπικό του Δήμου — Τεχνικές Υπηρεσίες/);
  assert.match(await page.locator('main').innerText(), /Σε πρόσκληση/);

  // A second role, of the whole municipality.
  await chooseByKeyboard(page, 'main select#role', /^Ελεγκτής/);
  await tabTo(page, 'main form[action$="/grants"] button[type=submit]');
  assert.equal(await pressAndWait(page, 'Enter'), 200, await problems(page));
  await checkPage(page, 'people-second-role');
  const roles = await page.locator('main table').innerText();
  assert.match(roles, /Ελεγκτής \/ Υπεύθυνος Προστασίας Δεδομένων/);
  assert.match(roles, /Τεχνικές Υπηρεσίες/);
  await page.context().close();
});
