// The keyboard-only journey through the organisation registry, in Debian's Chromium:
//
//   1. a parents' association's secretary creates an account (real registration and mail),
//      registers the association, gets a form error and corrects it through the error summary,
//      uploads the statute and submits the organisation;
//   2. municipal staff find it in the queue, tick the checklist and verify it;
//   3. a logged-out visitor finds it by typing "συλλογος γονεων" without accents, and again in
//      Latin letters, and opens its profile with the verified badge.
//
// No mouse: Tab / Shift+Tab, typing, Enter, Space and arrow keys only. page.goto() stands for
// typing an address or opening a link from a mail. Every page reached is checked with axe
// (zero WCAG 2.1 A/AA violations) and saved for the Nu HTML checker (tests/html/vnu-check).
// The directory's filters, pagination, map and no-JS behaviour are registry-directory's job.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import {
  launchBrowser, newPage, visit, checkPage, focused, focusMatches, tabTo as tabToSelector, fill as fillField, pressAndWait, path, problems, logInByKeyboard, menu,
  chooseByKeyboard, openCoordinates,
} from './lib/browser.mjs';
import { startServer, startSmtpSink } from '../integration/lib/server.mjs';
import { parseDemoLogins } from '../integration/lib/flows.mjs';

let sink;
let srv;
let browser;

before(async () => {
  sink = await startSmtpSink();
  // seed: the demo municipality (Καλαμάτα), its staff account and its ~150 organisations, so
  // the new association is found among others, as it would be in real life.
  srv = await startServer({ seed: true, env: { SYNERGEIA_SMTP_URL: sink.url } });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await srv?.stop();
  await sink?.stop();
});

// ------------------------------------------------------------------ test data

/** A valid ΑΦΜ from its first eight digits: the ninth is the check digit (2^(8-i) weights). */
function afmFrom(eightDigits) {
  const d = String(eightDigits).padStart(8, '0').slice(-8);
  let sum = 0;
  for (let i = 0; i < 8; i += 1) sum += Number(d[i]) * 2 ** (8 - i);
  return `${d}${(sum % 11) % 10}`;
}

// A fresh ΑΦΜ per run (the municipality refuses one already registered) and the same number
// with a wrong check digit, for the form error.
const AFM = afmFrom(90_000_000 + (Date.now() % 9_000_000));
const BAD_AFM = `${AFM.slice(0, 8)}${(Number(AFM[8]) + 1) % 10}`;

// The name carries a number word, so that each run's association is its own (a duplicate
// name would fail the checklist), and keeps "Σύλλογος Γονέων" for the search.
const TENS = ['Είκοσι', 'Τριάντα', 'Σαράντα', 'Πενήντα', 'Εξήντα', 'Εβδομήντα', 'Ογδόντα', 'Ενενήντα'];
const UNITS = ['Ένα', 'Δύο', 'Τρία', 'Τέσσερα', 'Πέντε', 'Έξι', 'Επτά', 'Οκτώ', 'Εννέα'];
const n = Math.floor(Date.now() / 1000) % (TENS.length * UNITS.length);
const NUMBER_WORD = `${TENS[Math.floor(n / UNITS.length)]} ${UNITS[n % UNITS.length]}`;
const ORG_NAME = `Σύλλογος Γονέων και Κηδεμόνων 7ου Δημοτικού Σχολείου Καλαμάτας «${NUMBER_WORD}»`;

const SECRETARY = {
  name: 'Αικατερίνη Σταματοπούλου',
  email: `grammateas.${process.pid}.${Date.now().toString(36)}@example.gr`,
  password: 'κίτρινο ποδήλατο φθινόπωρο 73',
};

/** A small but well-formed one-page PDF (correct xref offsets): the statute. */
function statutePdf() {
  const text = '(Katastatiko - Syllogos Goneon kai Kidemonon) Tj';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    null,  // the content stream, below
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const stream = `BT /F1 14 Tf 72 770 Td ${text} ET`;
  objects[3] = `<< /Length ${Buffer.byteLength(stream)} >>\nstream\n${stream}\nendstream`;
  let pdf = '%PDF-1.4\n';
  const offsets = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(pdf));
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf);
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) pdf += `${String(o).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

// What step 1 and 2 leave for the next steps.
const created = { id: null, overview: null, slug: null, verified: false };

// ------------------------------------------------------------------ keyboard helpers

// The registration form is long: allow more Tab presses than the lib's default.
const tabTo = (page, selector, options = {}) => tabToSelector(page, selector, { maxTabs: 150, ...options });

const fill = (page, selector, value) => fillField(page, selector, value, { maxTabs: 150 });


// ------------------------------------------------------------------ 1. the secretary

test('1. a secretary registers a parents\' association, uploads its statute and submits it', async () => {
  const page = await newPage(browser);

  // An account of their own, through the real registration and mail confirmation.
  await visit(page, `${srv.baseUrl}/register`, 'registry-flow-register');
  await fill(page, 'main input#display_name', SECRETARY.name);
  await fill(page, 'main input#email', SECRETARY.email);
  await fill(page, 'main input#password', SECRETARY.password);
  await fill(page, 'main input#password_confirm', SECRETARY.password);
  await tabTo(page, 'main input#accept_terms');
  await page.keyboard.press('Space');
  await tabTo(page, 'main form button[type=submit]');
  assert.equal(await pressAndWait(page, 'Enter'), 200, `registration: ${await problems(page)}`);
  assert.equal(path(page), '/register/check-email');
  const mail = await sink.waitForMail((m) => m.toAddresses.includes(SECRETARY.email), 30_000);
  const link = /https?:\/\/\S+\/verify\?token=[A-Za-z0-9_-]+/.exec(mail.text)?.[0];
  assert.ok(link, `the mail holds a verification link:\n${mail.text}`);
  await visit(page, link, 'registry-flow-verify');
  await tabTo(page, 'main form button[type=submit]');
  assert.equal(await pressAndWait(page, 'Enter'), 200);
  assert.equal(path(page), '/login');

  await logInByKeyboard(page, srv.baseUrl, SECRETARY.email, SECRETARY.password, 'registry-flow-login-secretary');

  // "My organisations" in the menu, then "Register an organisation".
  await menu(page, '/my/organisations', 'registry-flow-my-organisations-empty');
  await tabTo(page, 'main a[href="/my/organisations/new"]');
  assert.equal(await pressAndWait(page, 'Enter'), 200);
  assert.equal(path(page), '/my/organisations/new');
  await checkPage(page, 'registry-flow-new-organisation');

  // The form, field by field in tab order, with an ΑΦΜ whose check digit is wrong.
  await fill(page, 'main input#official_name', ORG_NAME);
  await fill(page, 'main input#distinctive_title', `Γονείς 7ου Δημοτικού «${NUMBER_WORD}»`);
  // Tab enters a radio group on its first radio when none is chosen; Space chooses it.
  await tabTo(page, 'main input[type=radio][name=kind]');
  if (!(await focusMatches(page, 'input[value=association]'))) {
    // Not the first radio: the arrow keys move through the group and choose as they go.
    for (let i = 0; i < 5 && !(await focusMatches(page, 'input[value=association]')); i += 1) {
      await page.keyboard.press('ArrowUp');
    }
  }
  await page.keyboard.press('Space');
  assert.equal(await page.isChecked('main input[name=kind][value=association]'), true, 'Space chooses «Association»');
  // A closed <select> takes arrow keys: "Choose a type", then the association types, of which
  // the parents' association is the third.
  await tabTo(page, 'main select#subtype');
  for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowDown');
  assert.equal(await page.inputValue('#subtype'), 'parents', 'three ArrowDowns reach «Parents\' association»');
  await fill(page, 'main input#afm', BAD_AFM);
  // Areas of action: education, and children and youth.
  for (const area of ['education', 'youth']) {
    await tabTo(page, `main input[name=areas][value=${area}]`);
    await page.keyboard.press('Space');
    assert.equal(await page.isChecked(`main input[name=areas][value=${area}]`), true, `Space ticks the area ${area}`);
  }
  await fill(page, 'main textarea#description_markdown',
    'Ο σύλλογος εκπροσωπεί τους γονείς και κηδεμόνες των μαθητών του σχολείου.\n\n'
    + '- εκδηλώσεις για τα παιδιά\n- συνεργασία με τον σύλλογο διδασκόντων\n- **εθελοντικές** δράσεις στην αυλή');
  await fill(page, 'main input#seat_address', 'Αριστομένους 74, Καλαμάτα');
  await chooseByKeyboard(page, 'main select#neighbourhood', / › Κέντρο$/);
  await fill(page, 'main input#postal_code', '24131');
  await openCoordinates(page);
  await fill(page, 'main input#latitude', '37.0392');
  await fill(page, 'main input#longitude', '22.1129');
  await fill(page, 'main input#email', `goneis.${n}@example.gr`);
  await fill(page, 'main input#phone', '2721012345');
  await fill(page, 'main input#declared_members', '180');
  await fill(page, 'main input[name="board.president"]', 'Νικόλαος Αντωνόπουλος');
  await fill(page, 'main input[name="board.secretary"]', SECRETARY.name);
  await tabTo(page, 'main form button[type=submit]');
  let status = await pressAndWait(page, 'Enter');
  assert.equal(status, 422, `a wrong ΑΦΜ is refused with 422: ${await problems(page)}`);
  assert.equal(path(page), '/my/organisations/new');
  await checkPage(page, 'registry-flow-new-organisation-error');

  // The error summary: an alert at the top of <main>, whose only link leads to the ΑΦΜ.
  const summary = page.locator('main .error-summary');
  assert.equal(await summary.count(), 1, 'an error summary');
  assert.equal(await summary.getAttribute('role'), 'alert', 'announced as soon as the page loads');
  assert.match(await page.title(), /^(Σφάλμα|Error)/, 'the title starts by saying there is an error');
  const links = summary.locator('a');
  assert.deepEqual(await links.evaluateAll((as) => as.map((a) => a.getAttribute('href'))), ['#afm'],
    `only the ΑΦΜ is wrong: ${await links.allInnerTexts()}`);
  const summaryText = (await links.first().innerText()).trim();
  assert.ok(summaryText.length > 0);
  assert.equal(await page.getAttribute('#afm', 'aria-invalid'), 'true');
  assert.ok(((await page.getAttribute('#afm', 'aria-describedby')) || '').split(' ').includes('afm-error'),
    'the field points to its message');
  assert.ok((await page.locator('#afm-error').innerText()).includes(summaryText), 'the field says what the summary says');
  // Nothing typed is lost.
  assert.equal(await page.inputValue('#official_name'), ORG_NAME);
  assert.equal(await page.inputValue('#afm'), BAD_AFM);
  assert.equal(await page.inputValue('#subtype'), 'parents');
  assert.equal(await page.isChecked('main input[name=kind][value=association]'), true);
  assert.equal(await page.isChecked('main input[name=areas][value=education]'), true);

  // Skip link, then the first thing in <main> is the summary's link; Enter puts focus in the
  // field, where the ΑΦΜ is corrected.
  await page.keyboard.press('Tab');
  assert.ok(await focusMatches(page, 'a.skip-link'), `the first Tab reaches the skip link: ${JSON.stringify(await focused(page))}`);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'main');
  await page.keyboard.press('Tab');
  assert.ok(await focusMatches(page, '.error-summary a[href="#afm"]'),
    `after the skip link, Tab reaches the error summary first: ${JSON.stringify(await focused(page))}`);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'afm');
  await page.keyboard.press('Control+A');
  await page.keyboard.type(AFM);
  await tabTo(page, 'main form button[type=submit]');
  status = await pressAndWait(page, 'Enter');
  assert.equal(status, 200, `the corrected form is saved: ${await problems(page)}`);
  const overview = /^\/my\/organisations\/(\d+)$/.exec(path(page));
  assert.ok(overview, `the organisation's page follows, not ${page.url()}`);
  created.id = overview[1];
  created.overview = overview[0];
  await checkPage(page, 'registry-flow-organisation-draft');
  assert.equal(await page.locator('.notification--success').count(), 1, `a success message: ${await problems(page)}`);
  assert.equal((await page.locator('main h1').innerText()).trim(), `Γονείς 7ου Δημοτικού «${NUMBER_WORD}»`,
    'the page is named after the distinctive title');
  assert.ok(await page.locator('main .tag--grey').count() > 0, 'the organisation is a draft');
  assert.equal(await page.locator(`main form[action$="${created.overview}/submit"]`).count(), 0,
    'no submit button while the statute is missing');

  // The documents page, through the "Go to the documents" link.
  const documents = `${created.overview}/documents`;
  await tabTo(page, `main a[href="${documents}"]`);
  assert.equal(await pressAndWait(page, 'Enter'), 200);
  assert.equal(path(page), documents);
  await checkPage(page, 'registry-flow-documents-empty');
  await tabTo(page, 'main select#kind');
  assert.equal(await page.inputValue('#kind'), 'statute', 'the statute is the kind offered first');
  await tabTo(page, 'main input#file[type=file]');
  // A native file chooser cannot be driven by keys (Space or Enter opens the operating
  // system's dialog): with focus on the input, reached by Tab, Playwright hands it the file,
  // as the chooser would.
  await page.locator('main input#file').setInputFiles({
    name: 'katastatiko-syllogou.pdf', mimeType: 'application/pdf', buffer: statutePdf(),
  });
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'file', 'focus stays on the file input');
  await tabTo(page, 'main form[enctype="multipart/form-data"] button[type=submit]');
  assert.equal(await pressAndWait(page, 'Enter'), 200, `the upload: ${await problems(page)}`);
  assert.equal(path(page), documents);
  await checkPage(page, 'registry-flow-documents-statute');
  assert.equal(await page.locator('.notification--success').count(), 1, `the upload is confirmed: ${await problems(page)}`);
  const filed = await page.locator('main table tbody tr').allInnerTexts();
  assert.ok(filed.some((row) => row.includes('katastatiko-syllogou.pdf')), `the statute is on file: ${filed}`);

  // Back to the organisation through the breadcrumb (the page has just loaded: Tab starts at
  // the top), and submit it.
  await tabTo(page, `.breadcrumbs a[href="${created.overview}"]`);
  assert.equal(await pressAndWait(page, 'Enter'), 200);
  await checkPage(page, 'registry-flow-organisation-ready');
  await tabTo(page, `main form[action$="${created.overview}/submit"] button[type=submit]`);
  assert.equal(await pressAndWait(page, 'Enter'), 200, `submitting: ${await problems(page)}`);
  assert.equal(path(page), created.overview);
  await checkPage(page, 'registry-flow-organisation-submitted');
  assert.equal(await page.locator('.notification--success').count(), 1, `submission confirmed: ${await problems(page)}`);
  assert.ok(await page.locator('main .tag--blue').count() > 0, 'the state is now «Submitted»');
  const profileLink = await page.locator('main a[href^="/organisations/"]').first().getAttribute('href');
  assert.ok(profileLink, 'a submitted organisation links to its public profile');
  created.slug = profileLink.replace('/organisations/', '');
  await page.context().close();
});

// ------------------------------------------------------------------ 2. staff

test('2. municipal staff find the submission in the queue, tick the checklist and verify it', async () => {
  assert.ok(created.id, 'step 1 did not register the organisation');
  const page = await newPage(browser);
  const logins = parseDemoLogins(await srv.demoLogins());
  assert.ok(logins.staff, 'a staff account in the demo log-ins');
  await logInByKeyboard(page, srv.baseUrl, logins.staff.email, logins.staff.password, 'registry-flow-login-staff');

  // The queue shows submissions, oldest first: the name finds the new one among the seeded.
  await menu(page, '/admin/organisations', 'registry-flow-queue');
  assert.equal(await page.inputValue('main select#state'), 'submitted', 'the queue opens on the submissions');
  await fill(page, 'main input#q', `Γονέων 7ου Δημοτικού ${NUMBER_WORD}`);
  assert.equal(await pressAndWait(page, 'Enter'), 200);
  await checkPage(page, 'registry-flow-queue-search');
  const review = `/admin/organisations/${created.id}`;
  const rows = await page.locator('main table tbody tr').allInnerTexts();
  assert.equal(rows.length, 1, `the name finds one submission: ${rows}`);
  assert.ok(rows[0].includes(ORG_NAME), `it is ours: ${rows[0]}`);
  await tabTo(page, `main table a[href="${review}"]`);
  assert.equal(await pressAndWait(page, 'Enter'), 200);
  assert.equal(path(page), review);
  await checkPage(page, 'registry-flow-review');
  assert.ok((await page.locator('main').innerText()).includes('katastatiko-syllogou.pdf'), 'the statute is listed');

  // The decision: "Verify" is the first choice.
  await tabTo(page, 'main input[type=radio][name=decision]');
  if (!(await focusMatches(page, 'input[value=verify]'))) {
    for (let i = 0; i < 6 && !(await focusMatches(page, 'input[value=verify]')); i += 1) await page.keyboard.press('ArrowUp');
  }
  await page.keyboard.press('Space');
  assert.equal(await page.isChecked('main input[name=decision][value=verify]'), true, 'Space chooses «Verify»');

  // The automatic checks come ticked; the seat only a person can judge.
  for (const item of ['documents_present', 'afm_valid', 'no_duplicate']) {
    assert.equal(await page.isChecked(`main input#${item}`), true, `the automatic check ${item} passed and is ticked`);
  }
  assert.equal(await page.isChecked('main input#seat_in_municipality'), false, 'the seat is left for a person to tick');
  await tabTo(page, 'main input#seat_in_municipality');
  await page.keyboard.press('Space');
  assert.equal(await page.isChecked('main input#seat_in_municipality'), true);
  await tabTo(page, `main form[action$="${review}/decision"] button[type=submit]`);
  assert.equal(await pressAndWait(page, 'Enter'), 200, `the decision: ${await problems(page)}`);
  assert.equal(path(page), review);
  await checkPage(page, 'registry-flow-review-verified');
  assert.equal(await page.locator('.notification--success').count(), 1, `the decision is confirmed: ${await problems(page)}`);
  const status = page.locator('main .summary-list').first();
  assert.equal(await status.locator('.tag--green').count(), 1, `the state is «Verified»: ${await status.innerText()}`);
  created.verified = true;

  // The admins are told by mail.
  const mail = await sink.waitForMail((m) => m.toAddresses.includes(SECRETARY.email) && m.text.includes(ORG_NAME), 30_000);
  assert.ok(mail.text.includes(`${srv.baseUrl}${created.overview}`), `the mail links to the organisation:\n${mail.text}`);
  await page.context().close();
});

// The queue's search box is labelled «Επωνυμία ή ΑΦΜ»: a nine-digit query is looked up as a ΑΦΜ
// (the ΑΦΜ is not in the public search text, which only holds what the public may see).
test('2b. the queue finds a submission by its ΑΦΜ, as its search box says', async () => {
  assert.ok(created.id, 'step 1 did not register the organisation');
  const page = await newPage(browser);
  const logins = parseDemoLogins(await srv.demoLogins());
  await logInByKeyboard(page, srv.baseUrl, logins.staff.email, logins.staff.password, 'registry-flow-login-staff-afm');
  await menu(page, '/admin/organisations', 'registry-flow-queue-afm');
  await tabTo(page, 'main select#state');
  await page.keyboard.press('End');  // «All states», the last choice
  assert.equal(await page.inputValue('#state'), 'all');
  await fill(page, 'main input#q', AFM);
  assert.equal(await pressAndWait(page, 'Enter'), 200);
  await checkPage(page, 'registry-flow-queue-search-afm');
  const hrefs = await page.locator('main table tbody a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  await page.context().close();
  assert.deepEqual(hrefs, [`/admin/organisations/${created.id}`], `the ΑΦΜ ${AFM} finds the organisation`);
});

// ------------------------------------------------------------------ 3. a visitor

/** The directory's results, as a visitor reads them. */
async function results(page) {
  return page.locator('.org-list__item').evaluateAll((items) => items.map((li) => ({
    name: li.querySelector('.org-list__name')?.innerText.trim() ?? '',
    href: li.querySelector('.org-list__name a')?.getAttribute('href') ?? '',
    verified: Boolean(li.querySelector('.tag--green')),
  })));
}

/**
 * Types query into the directory's search box, presses Enter and looks for the organisation
 * in the results, going on to the next page by keyboard while there is one.
 */
async function findByKeyboard(page, query, name) {
  await tabTo(page, 'main input#q');
  await page.keyboard.press('Control+A');
  await page.keyboard.type(query);
  assert.equal(await pressAndWait(page, 'Enter'), 200);
  assert.equal(new URL(page.url()).searchParams.get('q'), query);
  assert.equal(await page.inputValue('#q'), query, 'the box keeps the search');
  for (let p = 1; ; p += 1) {
    await checkPage(page, `${name}-${p}`);
    const hit = (await results(page)).find((r) => r.href === `/organisations/${created.slug}`);
    if (hit) return hit;
    if (await page.locator('main a.pagination__next').count() === 0) {
      assert.fail(`"${query}" does not find «${ORG_NAME}»; it finds: ${(await results(page)).map((r) => r.name).join('; ')}`);
    }
    await tabTo(page, 'main a.pagination__next');
    assert.equal(await pressAndWait(page, 'Enter'), 200);
  }
}

test('3. a visitor finds it without accents and in Latin letters, and sees the verified badge', async () => {
  assert.ok(created.verified, 'step 2 did not verify the organisation');
  const page = await newPage(browser);
  await visit(page, `${srv.baseUrl}/organisations`, 'registry-flow-directory');
  assert.equal(await page.locator('.account-nav__logout').count(), 0, 'the visitor is not logged in');

  const greek = await findByKeyboard(page, 'συλλογος γονεων', 'registry-flow-search-greek');
  assert.equal(greek.name, ORG_NAME);
  assert.ok(greek.verified, 'the result carries the «Verified» badge');

  const latin = await findByKeyboard(page, 'syllogos goneon', 'registry-flow-search-latin');
  assert.equal(latin.name, ORG_NAME);
  assert.ok(latin.verified, 'the result carries the «Verified» badge');

  // The profile, opened from the result by keyboard.
  await tabTo(page, `main .org-list__name a[href="/organisations/${created.slug}"]`);
  assert.equal(await pressAndWait(page, 'Enter'), 200);
  assert.equal(path(page), `/organisations/${created.slug}`);
  await checkPage(page, 'registry-flow-profile');
  assert.equal((await page.locator('main h1').innerText()).trim(), ORG_NAME);
  const badge = page.locator('main .org-profile__status .tag--green');
  assert.equal(await badge.count(), 1, 'the profile shows the verified badge');
  assert.ok((await badge.innerText()).trim().length > 0);
  // Public details show; the phone and the board, municipality-only by default, do not.
  const main = await page.locator('main').innerText();
  assert.ok(main.includes('Αριστομένους 74'), 'the seat address is public');
  assert.ok(!main.includes('2721012345'), 'the phone is for the municipality only');
  assert.ok(!main.includes('Νικόλαος Αντωνόπουλος'), 'so is the board');
  await page.context().close();
});
