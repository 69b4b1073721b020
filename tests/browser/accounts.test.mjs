// Registration, e-mail verification, log-in and log-out done with the keyboard alone, a form
// error found through the error summary, and the language switch — in Debian's Chromium.
// Every page reached is checked with axe (zero WCAG 2.1 A/AA violations) and saved for the
// Nu HTML checker (tests/html/vnu-check).
//
// No mouse: the tests move with Tab, type into the focused field and press Enter or Space,
// the way a keyboard or switch user does. page.goto() stands for typing an address (or
// opening the link in the mail), which is also keyboard work.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import {
  launchBrowser, newPage, visit, checkPage, focused, focusMatches, tabTo, fill, pressAndWait, path,
} from './lib/browser.mjs';
import { startServer, startSmtpSink } from '../integration/lib/server.mjs';
import { parseDemoLogins } from '../integration/lib/flows.mjs';

let sink;
let srv;
let browser;

before(async () => {
  sink = await startSmtpSink();
  // seed: the demo municipality and its accounts (the auditor reads the audit page below).
  // startServer passes SYNERGEIA_BASE_URL itself (it knows the port); given here, the mail's
  // links would point elsewhere.
  srv = await startServer({ seed: true, env: { SYNERGEIA_SMTP_URL: sink.url } });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await srv?.stop();
  await sink?.stop();
});

// Greek letters, with spaces, punctuation and Latin words such as "email" in between.
const GREEK = /^(?=.*\p{Script=Greek})[\p{Script=Greek}\p{Script=Latin}\s\p{P}\d]+$/u;

// ------------------------------------------------------------------ helpers

function text(page, selector) {
  return page.locator(selector).first().innerText();
}

/** Logs in on /login by keyboard; leaves the page on wherever the log-in leads (/account). */
async function logInByKeyboard(page, email, password, name) {
  await visit(page, `${srv.baseUrl}/login`, name);
  await fill(page, 'main input#email', email);
  await fill(page, 'main input#password', password);
  // Enter in a text field submits its form (implicit submission).
  const status = await pressAndWait(page, 'Enter');
  const problem = async () => `${page.url()}: ${await page.locator('.error-summary, .notification').allInnerTexts()}`;
  assert.equal(status, 200, `log-in of ${email} answered ${status} at ${await problem()}`);
  assert.equal(path(page), '/my', `a log-in without ?next= lands on the person's own page, not ${await problem()}`);
}

async function logOutByKeyboard(page, name) {
  await tabTo(page, '.account-nav__logout button[type=submit]');
  const status = await pressAndWait(page, 'Enter');
  assert.equal(status, 200);
  await checkPage(page, name);
  assert.equal(path(page), '/');
  assert.equal(await page.locator('.account-nav__logout').count(), 0, 'no log-out button once logged out');
  assert.equal(await page.locator('.account-nav a[href="/login"]').count(), 1, 'the log-in link is back');
}

// ------------------------------------------------------------------ tests

test('registration, e-mail verification, log-in and log-out by keyboard only', async () => {
  const page = await newPage(browser);
  const email = `maria.${Date.now()}@example.gr`;
  const password = 'πράσινο δέντρο καλοκαίρι 42';
  const displayName = 'Μαρία Παπαδοπούλου';

  await visit(page, `${srv.baseUrl}/`, 'home-el');
  assert.equal(await page.getAttribute('html', 'lang'), 'el', 'Greek by default for an el-GR browser');

  // The first Tab reaches the skip link, which goes to <main>.
  await page.keyboard.press('Tab');
  assert.ok(await focusMatches(page, 'a.skip-link[href="#main"]'), `first Tab should reach the skip link, got ${JSON.stringify(await focused(page))}`);

  // The header's "Δημιουργία λογαριασμού" link.
  const registerLink = await tabTo(page, '.account-nav a[href="/register"]');
  assert.equal(registerLink.text, 'Δημιουργία λογαριασμού');
  assert.equal(await pressAndWait(page, 'Enter'), 200);
  assert.equal(path(page), '/register');
  await checkPage(page, 'register-el');

  await fill(page, 'main input#display_name', displayName);
  await fill(page, 'main input#email', email);
  await fill(page, 'main input#password', password);
  await fill(page, 'main input#password_confirm', password);
  await tabTo(page, 'main input#accept_terms[type=checkbox]');
  await page.keyboard.press('Space');
  assert.equal(await page.isChecked('#accept_terms'), true, 'Space ticks the checkbox');
  await tabTo(page, 'main form button[type=submit]');
  let status = await pressAndWait(page, 'Enter');
  await checkPage(page, 'register-submitted');
  assert.equal(status, 200,
    `registration should succeed; the page says: ${await page.locator('.error-summary').allInnerTexts()}`);
  assert.equal(path(page), '/register/check-email');
  assert.match(await text(page, 'h1'), GREEK, 'the page says, in Greek, to check the e-mail');
  assert.ok(await page.locator('main a[href="/login"]').count(), 'the check-your-e-mail page links to log-in');

  // The verification mail goes through the outbox job to the real SMTP server.
  const mail = await sink.waitForMail((m) => m.toAddresses.includes(email), 30_000);
  const link = /https?:\/\/\S+\/verify\?token=[A-Za-z0-9_-]+/.exec(mail.text)?.[0];
  assert.ok(link, `the mail holds a verification link:\n${mail.text}`);
  assert.ok(link.startsWith(srv.baseUrl), `the link uses SYNERGEIA_BASE_URL (${srv.baseUrl}): ${link}`);

  // Opening the link shows a confirm button (mail scanners must not confirm by prefetching).
  await visit(page, link, 'verify-el');
  await tabTo(page, 'main form button[type=submit]');
  status = await pressAndWait(page, 'Enter');
  assert.equal(status, 200);
  assert.equal(path(page), '/login', 'after confirming, the log-in page');
  assert.equal(await page.locator('.notification--success').count(), 1, 'a success message says the address is confirmed');
  await checkPage(page, 'login-after-verify');

  // The link works once.
  await visit(page, link, 'verify-again');
  await tabTo(page, 'main form button[type=submit]');
  status = await pressAndWait(page, 'Enter');
  assert.ok(status >= 400 && status < 500, `a used link is refused (got ${status})`);
  await checkPage(page, 'verify-used-link');

  await logInByKeyboard(page, email, password, 'login-el');
  await checkPage(page, 'my-page-el');
  assert.match(await text(page, 'h1'), /Η σελίδα μου/, 'log-in lands on the person\'s own page');
  await tabTo(page, '.account-nav a[href="/account"]');
  assert.equal(await pressAndWait(page, 'Enter'), 200);
  await checkPage(page, 'account-el');
  assert.match(await text(page, 'main'), new RegExp(displayName), 'the account page shows the name');
  assert.match(await text(page, 'main'), new RegExp(email.replace(/[.]/g, '\\.')), 'and the e-mail address');
  assert.equal(await text(page, '.account-nav__user'), displayName, 'the header names who is logged in');

  await logOutByKeyboard(page, 'home-after-logout');
  // Logged out for real: the account page now asks to log in.
  await page.goto(`${srv.baseUrl}/account`);
  assert.equal(path(page), '/login');
  await page.context().close();
});

test('a form error: the summary is an alert whose link moves focus to the field', async () => {
  const page = await newPage(browser);
  await visit(page, `${srv.baseUrl}/register`, 'register-form');
  await fill(page, 'main input#display_name', 'Γιώργος Νικολάου');
  await fill(page, 'main input#email', 'giorgos-at-example.gr');
  await fill(page, 'main input#password', 'πορτοκαλί θάλασσα 2026');
  await fill(page, 'main input#password_confirm', 'πορτοκαλί θάλασσα 2026');
  await tabTo(page, 'main input#accept_terms');
  await page.keyboard.press('Space');
  await tabTo(page, 'main form button[type=submit]');
  const status = await pressAndWait(page, 'Enter');
  assert.equal(status, 422, 'invalid input answers 422 and writes nothing');
  await checkPage(page, 'register-error-email');

  const summary = page.locator('.error-summary');
  assert.equal(await summary.count(), 1, 'an error summary at the top');
  assert.equal(await summary.getAttribute('role'), 'alert');
  assert.match(await page.title(), /^(Σφάλμα|Error)/, 'the title starts by saying there is an error');
  const links = summary.locator('a');
  assert.equal(await links.count(), 1, `only the e-mail is wrong: ${await links.allInnerTexts()}`);
  assert.equal(await links.first().getAttribute('href'), '#email');

  // The field keeps what was typed (except passwords), and says what is wrong.
  assert.equal(await page.inputValue('#email'), 'giorgos-at-example.gr');
  assert.equal(await page.inputValue('#display_name'), 'Γιώργος Νικολάου');
  assert.equal(await page.inputValue('#password'), '', 'a password is never sent back');
  assert.equal(await page.getAttribute('#email', 'aria-invalid'), 'true');
  const describedBy = (await page.getAttribute('#email', 'aria-describedby')) || '';
  assert.ok(describedBy.split(' ').includes('email-error'), `the field points to its message (${describedBy})`);
  // The message at the field says the same as the summary (after its hidden "Error:").
  const summaryText = (await links.first().innerText()).trim();
  assert.ok(summaryText.length > 0);
  assert.ok((await page.locator('#email-error').innerText()).includes(summaryText),
    'the field shows the same message as the summary');

  // Skip link first, then the summary's link comes before any other part of the main content.
  await tabTo(page, '.error-summary a[href="#email"]');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'email');
  assert.equal((await focused(page)).id, 'email', 'Enter on the summary link puts focus in the field');
  // Typing now corrects the field, without the mouse.
  await page.keyboard.press('Control+A');
  await page.keyboard.type('giorgos@example.gr');
  assert.equal(await page.inputValue('#email'), 'giorgos@example.gr');
  await page.context().close();
});

test('language switch by keyboard: English, kept on the next page, and back to Greek', async () => {
  const page = await newPage(browser);
  await visit(page, `${srv.baseUrl}/accessibility`, 'accessibility-el');
  assert.equal(await page.getAttribute('html', 'lang'), 'el');
  // The Greek wording belongs to the catalogs; what matters here is that it is Greek, and
  // that it comes back after the round trip.
  const greekSkip = await text(page, 'a.skip-link');
  const greekFooter = await text(page, '.site-footer a[href="/privacy"]');
  for (const t of [greekSkip, greekFooter]) assert.match(t, GREEK, `Greek text: ${t}`);

  await tabTo(page, '.lang-switch button[value=en]');
  assert.equal(await page.getAttribute('.lang-switch button[value=en]', 'lang'), 'en', 'the endonym is marked as English');
  assert.equal(await pressAndWait(page, 'Enter'), 200);
  assert.equal(path(page), '/accessibility', 'the switch returns to the same page');
  await checkPage(page, 'accessibility-en');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await text(page, 'a.skip-link'), 'Skip to main content');
  assert.equal(await text(page, 'h1'), 'Accessibility statement');
  assert.equal(await page.getAttribute('.lang-switch button[value=en]', 'aria-current'), 'true');
  assert.equal(await page.getAttribute('.lang-switch button[value=el]', 'aria-current'), null);

  // The choice is a cookie: the next page, reached by a fresh request, is in English too,
  // although the browser still asks for Greek.
  const cookies = await page.context().cookies(srv.baseUrl);
  assert.equal(cookies.find((c) => c.name === 'lang')?.value, 'en');
  for (const [where, name] of [['/', 'home-en'], ['/login', 'login-en'], ['/register', 'register-en'],
    ['/password/forgot', 'forgot-en'], ['/privacy', 'privacy-en']]) {
    await visit(page, `${srv.baseUrl}${where}`, name);
    assert.equal(await page.getAttribute('html', 'lang'), 'en', `${where} stays in English`);
    assert.equal(await text(page, 'a.skip-link'), 'Skip to main content');
  }
  assert.equal(await text(page, '.site-footer a[href="/privacy"]'), 'Privacy notice');
  await visit(page, `${srv.baseUrl}/no-such-page`, 'not-found-en', { status: 404 });
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await text(page, 'h1'), 'Page not found');

  // And back, from the page we are on (the 404 page too has the switch).
  await visit(page, `${srv.baseUrl}/privacy`, 'privacy-en-again');
  await tabTo(page, '.lang-switch button[value=el]');
  assert.equal(await pressAndWait(page, 'Space'), 200, 'Space presses a button too');
  assert.equal(path(page), '/privacy');
  await checkPage(page, 'privacy-el');
  assert.equal(await page.getAttribute('html', 'lang'), 'el');
  assert.equal(await text(page, 'a.skip-link'), greekSkip);
  assert.equal(await text(page, '.site-footer a[href="/privacy"]'), greekFooter);
  assert.equal((await page.context().cookies(srv.baseUrl)).find((c) => c.name === 'lang')?.value, 'el');
  await page.context().close();
});

test('the skip link moves focus to the main content', async () => {
  const page = await newPage(browser);
  await visit(page, `${srv.baseUrl}/`, 'home-skip-link');
  await page.keyboard.press('Tab');
  assert.ok(await focusMatches(page, 'a.skip-link[href="#main"]'), 'the first Tab reaches the skip link');
  // A skip link hidden off-screen must show itself when focused.
  const box = await page.locator('a.skip-link').boundingBox();
  assert.ok(box && box.width > 1 && box.height > 1 && box.y >= 0, `the focused skip link is visible: ${JSON.stringify(box)}`);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'main');
  // The next Tab goes into the content, past the header and the navigation.
  await page.keyboard.press('Tab');
  assert.ok(await focusMatches(page, 'main a'), `after the skip link, Tab stays in <main>: ${JSON.stringify(await focused(page))}`);
  await page.context().close();
});

test('every other page kind is accessible: public pages, 404, and the audit log as the auditor', async () => {
  const page = await newPage(browser);
  for (const [where, name] of [['/', 'home'], ['/login', 'login'], ['/register', 'register'],
    ['/password/forgot', 'forgot'], ['/accessibility', 'accessibility'], ['/privacy', 'privacy']]) {
    await visit(page, `${srv.baseUrl}${where}`, name);
    assert.equal(await page.locator('main#main h1').count(), 1, `${where} has one h1 in <main>`);
  }
  await visit(page, `${srv.baseUrl}/no-such-page`, 'not-found', { status: 404 });
  await visit(page, `${srv.baseUrl}/password/reset?token=not-a-real-token`, 'reset-bad-token', { status: 400 });

  // The demo auditor, from the log-ins file that seeding wrote.
  const { auditor } = parseDemoLogins(await srv.demoLogins());
  await logInByKeyboard(page, auditor.email, auditor.password, 'login-auditor');
  await checkPage(page, 'account-auditor');

  // The audit page is in the main navigation for an auditor.
  await tabTo(page, '.main-nav a[href="/audit"]');
  assert.equal(await pressAndWait(page, 'Enter'), 200);
  assert.equal(path(page), '/audit');
  await checkPage(page, 'audit');
  assert.ok(await page.locator('main table tbody tr').count() > 0, 'the log has entries (the log-ins above at least)');

  // Filtering by keyboard: the action field, Enter.
  await fill(page, 'main input#action', 'account.login');
  assert.equal(await pressAndWait(page, 'Enter'), 200);
  await checkPage(page, 'audit-filtered');
  const actions = await page.locator('main table tbody tr td:nth-child(4)').allInnerTexts();
  assert.ok(actions.length > 0 && actions.every((a) => a.startsWith('account.login')), `filtered: ${actions}`);

  // A bad filter is a form error, like any other.
  await visit(page, `${srv.baseUrl}/audit?from=22-11-2026`, 'audit-error', { status: 422 });
  assert.equal(await page.locator('.error-summary a[href="#from"]').count(), 1);

  await logOutByKeyboard(page, 'home-after-auditor-logout');
  await page.context().close();
});
