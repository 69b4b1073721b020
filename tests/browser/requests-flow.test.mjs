// The keyboard-only journey through a request to the municipality, in Debian's Chromium:
//
//   1. a resident reports a local problem with its location, typing the address and the
//      coordinates (the map is an enhancement: the plain fields are what count);
//   2. municipal staff of the department find it in their queue, acknowledge it, assign it to
//      themselves and resolve it with an answer;
//   3. the resident reads the answer and rates it;
//   4. the public statistics page shows the result: the department's row counts the request
//      and its rating.
//
// No mouse: Tab / Shift+Tab, typing, Enter, Space and arrow keys only. page.goto() stands for
// typing an address or opening a link from a mail. Every page reached is checked with axe
// (zero WCAG 2.1 A/AA violations) and saved for the Nu HTML checker (tests/html/vnu-check).
//
// The department and the type of request are new ones, made by the tenant admin through the
// admin pages before the journey, so that the statistics row is this request's alone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import {
  launchBrowser, newPage, visit, checkPage, tabTo as tabToSelector, fill as fillField, pressAndWait, path, problems, logInByKeyboard, menu,
  openCoordinates,
} from './lib/browser.mjs';
import { startServer, startSmtpSink, HttpClient } from '../integration/lib/server.mjs';
import { parseDemoLogins, loginOk } from '../integration/lib/flows.mjs';

const RUN = Date.now().toString(36);
const DEPARTMENT = `Τμήμα Κοινόχρηστων Χώρων ${RUN}`;
const TYPE = `Αναφορά προβλήματος σε πεζοδρόμιο ${RUN}`;
const TITLE = `Σπασμένες πλάκες στο πεζοδρόμιο της Αριστομένους ${RUN}`;
const ANSWER = 'Συνεργείο του Δήμου αντικατέστησε τις σπασμένες πλάκες στις 9 το πρωί.';
const COMMENT = 'Πολύ γρήγορη αντιμετώπιση, ευχαριστούμε.';

let sink;
let srv;
let browser;
let logins;
const setup = { typeId: null, staffUserId: null };
const state = { id: null, resolved: false, rated: false };

/** Escapes a text as the pages write it, to find it in their HTML. */
function esc(s) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

before(async () => {
  sink = await startSmtpSink();
  srv = await startServer({ seed: true, env: { SYNERGEIA_SMTP_URL: sink.url } });
  logins = parseDemoLogins(await srv.demoLogins());
  assert.ok(logins.staff && logins.tenant_admin && logins.citizen, 'the demo has staff, a tenant admin and a citizen');

  // The tenant admin sets up a department with the demo's staff member in it, and a type of
  // request that takes a location, through the admin pages (HTTP, as a browser without
  // JavaScript would post them).
  const admin = new HttpClient(srv.baseUrl);
  await loginOk(admin, logins.tenant_admin.email, logins.tenant_admin.password);
  const created = await admin.submit('/admin/requests/departments', { name_el: DEPARTMENT, name_en: `Public spaces ${RUN}` });
  assert.equal(created.status, 303, `the department: ${created.status} ${created.body.slice(0, 400)}`);
  const departmentId = new URL(created.location).searchParams.get('department');
  assert.match(departmentId || '', /^\d+$/, `the new department is selected: ${created.location}`);
  const staffAdded = await admin.submit(`/admin/requests/departments/${departmentId}/staff`, { email: logins.staff.email },
    { formPath: `/admin/requests/departments?department=${departmentId}` });
  assert.equal(staffAdded.status, 303, `staff in the department: ${staffAdded.status}`);
  const typeCreated = await admin.submit('/admin/requests/types/new', {
    code: `pezodromio-${RUN}`, name_el: TYPE, name_en: `Pavement problem ${RUN}`,
    description_el: 'Σπασμένες πλάκες, λακκούβες και εμπόδια στα πεζοδρόμια.', description_en: '',
    department_id: departmentId, deadline_days: '5', position: '0', takes_location: '1', takes_attachments: '1',
    public_default: '1', active: '1',
  });
  assert.equal(typeCreated.status, 303, `the type: ${typeCreated.status} ${typeCreated.body.slice(0, 400)}`);
  const newForm = (await admin.get('/requests/new')).body;
  const option = new RegExp(`<option value="(\\d+)"[^>]*>${esc(TYPE)}`).exec(newForm);
  assert.ok(option, 'the request form offers the new type');
  setup.typeId = option[1];

  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await srv?.stop();
  await sink?.stop();
});

// ------------------------------------------------------------------ keyboard helpers

const tabTo = (page, selector, options = {}) => tabToSelector(page, selector, { maxTabs: 150, ...options });
const fill = (page, selector, value) => fillField(page, selector, value, { maxTabs: 150 });


/** Follows a link in <main> by keyboard and checks the page it leads to. */
async function follow(page, selector, name) {
  await tabTo(page, selector);
  assert.equal(await pressAndWait(page, 'Enter'), 200, `${selector}: ${await problems(page)}`);
  await checkPage(page, name);
}

/** Focuses a <select> by Tab and moves through its options with the arrow keys until `value`. */
async function chooseOption(page, selector, value) {
  await tabTo(page, selector);
  await page.keyboard.press('Home');
  for (let i = 0; i < 200 && (await page.inputValue(selector)) !== value; i += 1) await page.keyboard.press('ArrowDown');
  assert.equal(await page.inputValue(selector), value, `${selector} offers ${value}`);
}

/** Tabs into a radio group and moves with the arrow keys until the radio of `value` is checked. */
async function chooseRadio(page, name, value) {
  const target = `main input[type=radio][name="${name}"][value="${value}"]`;
  await tabTo(page, `main input[type=radio][name="${name}"]`);
  for (let i = 0; i < 12 && !(await page.isChecked(target)); i += 1) {
    await page.keyboard.press('ArrowDown');
  }
  if (!(await page.isChecked(target))) await page.keyboard.press('Space');
  assert.equal(await page.isChecked(target), true, `the radio ${name}=${value} is chosen`);
}

// ------------------------------------------------------------------ 1. the resident

test('1. a resident reports a problem with its location, typing the address and coordinates', async () => {
  const page = await newPage(browser);
  await logInByKeyboard(page, srv.baseUrl, logins.citizen.email, logins.citizen.password, 'requests-flow-login-citizen');

  await menu(page, '/requests', 'requests-flow-list');
  await follow(page, 'main a[href="/requests/new"]', 'requests-flow-new');
  assert.equal(path(page), '/requests/new');

  await chooseOption(page, 'main select#type', setup.typeId);
  await fill(page, 'main input#title', TITLE);
  await fill(page, 'main textarea#description',
    'Τρεις πλάκες του πεζοδρομίου έχουν σπάσει και εξέχουν. Ηλικιωμένοι και γονείς με καρότσια σκοντάφτουν.');
  await fill(page, 'main input#address', 'Αριστομένους 74, Καλαμάτα');
  await fill(page, 'main input#postal_code', '24131');
  await openCoordinates(page);
  await fill(page, 'main input#latitude', '37.0392');
  await fill(page, 'main input#longitude', '22.1129');
  await chooseRadio(page, 'is_public', '1');
  await tabTo(page, 'main form#request-form button[type=submit]');
  assert.equal(await pressAndWait(page, 'Enter'), 200, `the request: ${await problems(page)}`);
  const m = /^\/requests\/(\d+)$/.exec(path(page));
  assert.ok(m, `the new request's page follows, not ${page.url()}: ${await problems(page)}`);
  state.id = m[1];
  await checkPage(page, 'requests-flow-submitted');
  assert.equal(await page.locator('.notification--success').count(), 1, `a success message: ${await problems(page)}`);
  assert.equal((await page.locator('main h1').innerText()).trim(), TITLE);
  const main = await page.locator('main').innerText();
  assert.ok(main.includes('Αριστομένους 74, Καλαμάτα'), 'the address is on the page');
  assert.ok(main.includes('37.039200') && main.includes('22.112900'), 'so are the coordinates');
  assert.ok(main.includes(DEPARTMENT), 'and the department that will handle it');

  // It is under «My requests» too.
  await visit(page, `${srv.baseUrl}/my/requests`, 'requests-flow-my-requests');
  assert.equal(await page.locator(`main a[href="/requests/${state.id}"]`).count(), 1, 'listed under «My requests»');
  await page.context().close();
});

// ------------------------------------------------------------------ 2. staff

/**
 * Presses the button of a status change on the staff page (each change is a form of its own
 * whose button carries the event), after typing the answer when there is one.
 */
async function changeStatus(page, event, name, { answer } = {}) {
  const form = `main form[action="/admin/requests/${state.id}/transition"]`;
  if (answer !== undefined) await fill(page, `${form} textarea#resolve-reason`, answer);
  await tabTo(page, `${form} button[name=event][value=${event}]`);
  assert.equal(await pressAndWait(page, 'Enter'), 200, `${event}: ${await problems(page)}`);
  assert.equal(path(page), `/admin/requests/${state.id}`);
  await checkPage(page, name);
  assert.equal(await page.locator('.notification--success').count(), 1, `${event} is confirmed: ${await problems(page)}`);
}

test('2. staff find it in their queue, acknowledge it, assign it and resolve it', async () => {
  assert.ok(state.id, 'step 1 did not submit the request');
  const page = await newPage(browser);
  await logInByKeyboard(page, srv.baseUrl, logins.staff.email, logins.staff.password, 'requests-flow-login-staff');
  await menu(page, '/admin/requests', 'requests-flow-queue');

  // The search box finds it among the demo's requests.
  await fill(page, 'main input#q', 'πλάκες πεζοδρόμιο Αριστομένους');
  assert.equal(await pressAndWait(page, 'Enter'), 200);
  await checkPage(page, 'requests-flow-queue-search');
  const review = `/admin/requests/${state.id}`;
  await follow(page, `main table a[href="${review}"]`, 'requests-flow-staff-view');
  assert.equal(path(page), review);
  assert.ok((await page.locator('main').innerText()).includes(logins.citizen.email) ||
    (await page.locator('main').innerText()).includes('Μαρία Παπαδοπούλου'), 'staff see who made the request');

  await changeStatus(page, 'acknowledge', 'requests-flow-acknowledged');
  // Assign: to their own department (already chosen) and to themselves.
  const assignee = 'main select#assignee_user_id';
  const mine = await page.locator(`${assignee} option`).evaluateAll(
    (options, who) => options.find((o) => o.textContent.includes(who))?.value, 'Κατερίνα Δημητρίου');
  assert.ok(mine, 'the staff member can assign it to themselves');
  await chooseOption(page, assignee, mine);
  await changeStatus(page, 'assign', 'requests-flow-assigned');
  await changeStatus(page, 'start', 'requests-flow-in-progress');
  await changeStatus(page, 'resolve', 'requests-flow-resolved', { answer: ANSWER });
  assert.ok((await page.locator('main').innerText()).includes('Επιλύθηκε'), 'the status reads «Επιλύθηκε»');
  state.resolved = true;

  // The resident was mailed on each change; the last one says it was resolved.
  await sink.waitForMail((mail) => mail.toAddresses.includes(logins.citizen.email) && mail.text.includes(`/requests/${state.id}`)
    && /[Εε]πιλύθηκε/.test(`${mail.subject}\n${mail.text}`), 30_000);
  await page.context().close();
});

// ------------------------------------------------------------------ 3. the resident rates

test('3. the resident reads the answer and rates it', async () => {
  assert.ok(state.resolved, 'step 2 did not resolve the request');
  const page = await newPage(browser);
  await logInByKeyboard(page, srv.baseUrl, logins.citizen.email, logins.citizen.password, 'requests-flow-login-citizen-again');

  // The header counts the unread notifications; the list leads to the request.
  const link = page.locator('a[href="/notifications"]');
  assert.match((await link.first().innerText()).trim(), /^Ειδοποιήσεις \(\d+\)$/, 'the header shows the unread count');
  await tabTo(page, 'a[href="/notifications"]');
  assert.equal(await pressAndWait(page, 'Enter'), 200);
  await checkPage(page, 'requests-flow-notifications');
  // The newest notification, about the resolution, comes first; an unread one opens with a
  // button that marks it read and leads to the request.
  const newest = page.locator('main .org-list__item').first();
  assert.match(await newest.innerText(), /Επιλύθηκε/, 'the newest notification says the request was resolved');
  await follow(page, 'main .org-list__item form[action^="/notifications/"] button[type=submit]', 'requests-flow-resolved-citizen');
  assert.equal(path(page), `/requests/${state.id}`);
  assert.ok((await page.locator('main').innerText()).includes(ANSWER), 'the answer is on the page');

  await chooseRadio(page, 'rating', '5');
  await fill(page, 'main textarea#comment', COMMENT);
  await tabTo(page, `main form[action="/requests/${state.id}/rating"] button[type=submit]`);
  assert.equal(await pressAndWait(page, 'Enter'), 200, `the rating: ${await problems(page)}`);
  assert.equal(path(page), `/requests/${state.id}`);
  await checkPage(page, 'requests-flow-rated');
  assert.equal(await page.locator('.notification--success').count(), 1, `the rating is confirmed: ${await problems(page)}`);
  assert.equal(await page.locator(`main form[action="/requests/${state.id}/rating"]`).count(), 0, 'one can rate once');
  assert.ok((await page.locator('main').innerText()).includes('5 στα 5'), 'the rating is shown');
  state.rated = true;
  await page.context().close();
});

// ------------------------------------------------------------------ 4. the statistics

test('4. the statistics page counts the request and its rating in the department\'s row', async () => {
  assert.ok(state.rated, 'step 3 did not rate the request');
  const page = await newPage(browser);
  await visit(page, `${srv.baseUrl}/requests`, 'requests-flow-public-list');
  await follow(page, 'main a[href="/requests/statistics"]', 'requests-flow-statistics');
  assert.equal(path(page), '/requests/statistics');
  const rows = await page.locator('main table').first().locator('tbody tr').evaluateAll((trs) => trs.map((tr) => ({
    key: tr.querySelector('th')?.innerText.trim() ?? '',
    cells: [...tr.querySelectorAll('td')].map((td) => td.innerText.trim()),
  })));
  const row = rows.find((r) => r.key === DEPARTMENT);
  assert.ok(row, `the department has a row: ${rows.map((r) => r.key).join('; ')}`);
  const [requests, firstResponse, resolution, withinDeadline, rating] = row.cells;
  assert.equal(requests, '1', `one request: ${row.cells.join(' | ')}`);
  assert.notEqual(firstResponse, '', 'a time to first response');
  assert.doesNotMatch(firstResponse, /—/, `the time to first response is known: ${firstResponse}`);
  assert.doesNotMatch(resolution, /—/, `the time to resolution is known: ${resolution}`);
  assert.match(withinDeadline, /^100\s?%$/, `resolved on the day, within the deadline: ${withinDeadline}`);
  assert.match(rating, /^5,0\b/, `the average rating is 5,0: ${rating}`);
  await page.context().close();
});
