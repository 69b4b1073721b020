// The public organisations directory in Debian's Chromium: Greek search without accents and in
// Latin letters, filters chosen with the keyboard alone, a profile with its schema.org JSON-LD
// and Open Graph tags, the map as an enhancement (under the real CSP too), and the same
// directory with JavaScript off, where the map stays hidden and the list does the work.
// Every page is checked with axe and saved for the Nu HTML checker (tests/html/vnu-check).
//
// The organisations come from the demo seed (about 150 in Καλαμάτα). When the seed lists none,
// the municipality's administrator imports a small register through the CSV import form first,
// as a municipality moving from its spreadsheet would.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';

import {
  launchBrowser, newPage, visit, checkPage, savePage, tabTo as tabToSelector, pressAndWait,
} from './lib/browser.mjs';
import { startServer, HttpClient } from '../integration/lib/server.mjs';
import { parseDemoLogins } from '../integration/lib/flows.mjs';

// A 1×1 transparent PNG: map tiles from a local server, so the test needs no network and the
// CSP's img-src must name this origin for them to load.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

// A real 8×8 PNG (the upload is checked by its content), in the error red.
const PNG_LOGO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR42mPYrCaHFTEMLQkARnA9wT0fC4MAAAAASUVORK5CYII=', 'base64');

let tiles;
let tileOrigin;
let tileRequests = 0;
let srv;
let browser;
let listed = 0;

before(async () => {
  tiles = createServer((req, res) => {
    tileRequests += 1;
    res.writeHead(200, { 'Content-Type': 'image/png', 'Cache-Control': 'no-store' });
    res.end(PNG);
  });
  await new Promise((r) => tiles.listen(0, '127.0.0.1', r));
  tileOrigin = `http://127.0.0.1:${tiles.address().port}`;
  srv = await startServer({
    seed: true,
    env: {
      SYNERGEIA_MAP_TILE_URL: `${tileOrigin}/{z}/{x}/{y}.png`,
      SYNERGEIA_MAP_ATTRIBUTION: '© OpenStreetMap contributors',
    },
  });
  browser = await launchBrowser();
  listed = await listedCount();
  if (listed === 0) {
    await importRegister();
    listed = await listedCount();
  }
  if (listed > 0) await giveFirstVerifiedALogo();
});

let withLogo;  // {href} of the organisation whose logo staff uploaded

/**
 * Municipal staff open the first verified profile, follow its back-office link (only staff
 * see it) and upload a PNG logo through the organisation's logo form.
 */
async function giveFirstVerifiedALogo() {
  const visitor = await (await fetch(`${srv.baseUrl}/organisations?verified=1`)).text();
  const href = /class="org-list__name"><a href="([^"]+)"/.exec(visitor)?.[1];
  if (!href) return;
  const logins = parseDemoLogins(await srv.demoLogins());
  const staff = new HttpClient(srv.baseUrl);
  await staff.submit('/login', { email: logins.staff.email, password: logins.staff.password });
  const profile = await staff.get(href);
  const id = /href="\/admin\/organisations\/(\d+)"/.exec(profile.body)?.[1];
  assert.ok(id, 'staff see the profile\'s back-office link');
  const form = new FormData();
  form.append('_csrf', await staff.csrf(`/my/organisations/${id}/documents`));
  form.append('logo', new Blob([PNG_LOGO], { type: 'image/png' }), 'logo.png');
  const res = await staff.request('POST', `/my/organisations/${id}/logo`, { multipart: form });
  assert.equal(res.status, 303, `the logo upload answered ${res.status}`);
  withLogo = { href };
}

async function listedCount() {
  const html = await (await fetch(`${srv.baseUrl}/organisations`)).text();
  return (html.match(/class="org-list__item"/g) || []).length;
}

// ------------------------------------------------------------------ a small register

/** A valid ΑΦΜ from its first eight digits (the ninth is the check digit). */
function afm(n) {
  const digits = String(n).padStart(8, '0');
  let sum = 0;
  for (let i = 0; i < 8; i += 1) sum += Number(digits[i]) * 2 ** (8 - i);
  return `${digits}${(sum % 11) % 10}`;
}

/**
 * 55 organisations of Καλαμάτα (more than one page), a third verified, four in five with
 * coordinates, imported by the tenant administrator through /admin/organisations/import.
 */
async function importRegister() {
  const kinds = [
    ['Σύλλογος Γονέων και Κηδεμόνων Δημοτικού Σχολείου', 'association', 'parents', 'education'],
    ['Πολιτιστικός Σύλλογος', 'association', 'cultural', 'culture'],
    ['Αθλητικός Σύλλογος', 'association', 'sports', 'sport'],
    ['Περιβαλλοντική Ομάδα', 'civil_society', 'informal_group', 'environment'],
    ['Κοιν.Σ.Επ. Συλλογικής Ωφέλειας', 'kalo', 'koinsep_collective', 'local_development'],
  ];
  const hoods = ['Κέντρο', 'Παραλία', 'Ανάληψη', 'Βέργα', 'Νέα Είσοδος'];
  const quote = (v) => `"${String(v).replace(/"/g, '""')}"`;
  const lines = ['official_name,distinctive_title,kind,subtype,afm,areas,description,seat_address,neighbourhood,postal_code,latitude,longitude,email,verified'];
  for (let i = 0; i < 55; i += 1) {
    const [name, kind, subtype, area] = kinds[i % kinds.length];
    const coords = i % 5 === 4 ? ['', ''] : [(37.02 + (i % 11) * 0.003).toFixed(5), (22.09 + (i % 7) * 0.006).toFixed(5)];
    lines.push([
      `${name} ${hoods[i % hoods.length]} ${i + 1}`, i % 4 === 0 ? `Οι φίλοι ${i + 1}` : '', kind, subtype,
      afm(20000000 + i * 101), area,
      'Δράσεις για την **τοπική κοινότητα**.\n\n- εκδηλώσεις\n- εθελοντισμός', `Αριστομένους ${i + 1}`,
      hoods[i % hoods.length], '24100', ...coords, `info${i}@example.gr`, i % 3 === 0 ? 'ναι' : 'όχι',
    ].map(quote).join(','));
  }
  const logins = parseDemoLogins(await srv.demoLogins());
  const admin = new HttpClient(srv.baseUrl);
  const login = await admin.submit('/login', { email: logins.tenant_admin.email, password: logins.tenant_admin.password });
  assert.equal(login.status, 303, 'the tenant administrator logs in');
  const form = new FormData();
  form.append('_csrf', await admin.csrf('/admin/organisations/import'));
  form.append('file', new Blob([lines.join('\r\n')], { type: 'text/csv' }), 'register.csv');
  const res = await admin.request('POST', '/admin/organisations/import', { multipart: form });
  assert.ok(res.status < 400, `the import answered ${res.status}`);
}

after(async () => {
  await browser?.close();
  await srv?.stop();
  await new Promise((r) => (tiles ? tiles.close(r) : r()));
});

/** Skips a test that needs organisations when there are none (the import did not work). */
function skipWithout(t) {
  if (listed > 0) return false;
  t.skip('no organisations are listed');
  return true;
}

// ------------------------------------------------------------------ helpers

// The directory page is long (filters, then 50 results): allow more Tab presses than the lib's default.
const tabTo = (page, selector, options = {}) => tabToSelector(page, selector, { maxTabs: 120, ...options });

/** Accent- and case-insensitive form, as the server folds (NFD, marks dropped, ς→σ). */
function fold(s) {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('el').replace(/ς/g, 'σ');
}

/** Types a search into the directory's box by keyboard and submits it with Enter. */
async function searchByKeyboard(page, query) {
  await tabTo(page, 'main input#q');
  await page.keyboard.press('Control+A');
  await page.keyboard.type(query);
  return pressAndWait(page, 'Enter');
}

async function results(page) {
  return page.locator('.org-list__item').evaluateAll((items) => items.map((li) => ({
    name: li.querySelector('.org-list__name')?.innerText.trim() ?? '',
    title: li.querySelector('.org-list__title')?.innerText.trim() ?? '',
    href: li.querySelector('.org-list__name a')?.getAttribute('href') ?? '',
    verified: Boolean(li.querySelector('.tag--green')),
    lat: li.dataset.lat,
  })));
}

async function count(page) {
  const text = await page.locator('.org-results__count').innerText();
  return Number(/\d+/.exec(text.replace(/\./g, ''))?.[0] ?? NaN);
}

// ------------------------------------------------------------------ tests

test('the directory answers bad parameters with the directory, never an error', async () => {
  for (const query of ['kind=zzz', 'page=abc', 'page=-3', 'page=99999999999', 'area=%3Cscript%3E',
    'sort=sideways&verified=yes', `q=${'α'.repeat(500)}`, 'neighbourhood=Nowhere']) {
    const res = await fetch(`${srv.baseUrl}/organisations?${query}`);
    const body = await res.text();
    assert.equal(res.status, 200, `/organisations?${query.slice(0, 40)} answered ${res.status}`);
    assert.ok(!body.includes('<script>'), 'nothing from the query comes back as markup');
  }
  const missing = await fetch(`${srv.baseUrl}/organisations/no-such-organisation-here`);
  assert.equal(missing.status, 404);
  const logo = await fetch(`${srv.baseUrl}/organisations/no-such-organisation-here/logo`);
  assert.equal(logo.status, 404);
  const csp = (await fetch(`${srv.baseUrl}/organisations`)).headers.get('content-security-policy');
  assert.match(csp, new RegExp(`img-src 'self' data: ${tileOrigin.replace(/[.:/]/g, '\\$&')};`),
    'the CSP lets the map tiles load, from their origin only');
  assert.match(csp, /script-src 'self';/, 'and still no inline or third-party script');
});

test('a visitor finds organisations without accents and in Latin letters, by keyboard', async (t) => {
  if (skipWithout(t)) return;
  const page = await newPage(browser);
  await visit(page, `${srv.baseUrl}/`, 'registry-home');
  // The main menu leads to the directory.
  await tabTo(page, '.main-nav a[href="/organisations"]');
  assert.equal(await pressAndWait(page, 'Enter'), 200);
  assert.equal(new URL(page.url()).pathname, '/organisations');
  await checkPage(page, 'registry-directory');
  assert.equal(await page.getAttribute('.main-nav a[href="/organisations"]', 'aria-current'), 'page');

  assert.equal(await searchByKeyboard(page, 'συλλογος'), 200);
  await checkPage(page, 'registry-directory-search-greek');
  const greek = await results(page);
  const greekCount = await count(page);
  assert.ok(greek.length > 0, '"συλλογος" without accents finds the associations');
  // The search also reads descriptions, so not every hit need carry the word in its name.
  assert.ok(greek.some((r) => fold(`${r.name} ${r.title}`).includes('συλλογο')),
    `the hits include organisations named "Σύλλογος…": ${greek.map((r) => r.name).join('; ')}`);
  assert.equal(await page.inputValue('#q'), 'συλλογος', 'the box keeps the search');

  assert.equal(await searchByKeyboard(page, 'syllogos'), 200);
  await checkPage(page, 'registry-directory-search-latin');
  assert.equal(await count(page), greekCount, '"syllogos" in Latin letters finds the same organisations');
  assert.deepEqual((await results(page)).map((r) => r.href), greek.map((r) => r.href));

  // Two words, no accents, then the same in Latin letters (the example).
  assert.equal(await searchByKeyboard(page, 'συλλογος γονεων'), 200);
  await checkPage(page, 'registry-directory-search-two-words');
  const parents = await results(page);
  assert.ok(parents.some((r) => fold(r.name).startsWith('συλλογοσ γονεων')),
    `"συλλογος γονεων" finds "Σύλλογος Γονέων…": ${parents.map((r) => r.name).join('; ')}`);
  assert.equal(await searchByKeyboard(page, 'syllogos goneon'), 200);
  assert.deepEqual((await results(page)).map((r) => r.href), parents.map((r) => r.href),
    '"syllogos goneon" finds the same');
  // Inflected as people write, and Greeklish by sound: the same organisations, in the same order
  // (every one matches alike, by stem or by sound, so they keep their order by name).
  assert.equal(await searchByKeyboard(page, 'συλλόγων γονείς'), 200);
  await checkPage(page, 'registry-directory-search-inflected');
  assert.deepEqual((await results(page)).map((r) => r.href), parents.map((r) => r.href), '"συλλόγων γονείς" finds the same');
  assert.equal(await searchByKeyboard(page, 'sillogos goneon'), 200);
  assert.deepEqual((await results(page)).map((r) => r.href), parents.map((r) => r.href), '"sillogos goneon" finds the same');

  // Nothing found: a message, and no empty list.
  assert.equal(await searchByKeyboard(page, 'ξζψξζψ qqqq'), 200);
  await checkPage(page, 'registry-directory-empty');
  assert.equal(await count(page), 0);
  assert.equal(await page.locator('.org-list').count(), 0);
  await page.context().close();
});

test('pagination by keyboard keeps the sort and filters', async (t) => {
  if (skipWithout(t)) return;
  const page = await newPage(browser);
  await visit(page, `${srv.baseUrl}/organisations?sort=newest`, 'registry-directory-page-1');
  const total = await count(page);
  if (total <= 50) {
    assert.equal(await page.locator('.pagination').count(), 0, 'one page: no pagination');
    await page.context().close();
    return;
  }
  // The map follows the list; "Skip the map" takes keyboard users past its markers, straight
  // to the pages.
  if (await page.locator('#organisations-map .leaflet-marker-icon').count()) {
    await tabTo(page, 'main a.org-map__skip');
    assert.equal(await page.isVisible('main a.org-map__skip'), true, 'the skip link shows when focused');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'organisations-pages');
  }
  await tabTo(page, 'main .pagination__next');
  assert.equal(await pressAndWait(page, 'Enter'), 200);
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('page'), '2');
  assert.equal(url.searchParams.get('sort'), 'newest', 'the sort stays in the link');
  assert.equal(await page.locator('.pagination__link[aria-current="page"]').innerText(), '2');
  assert.match(await page.locator('h1').innerText(), /2/, 'the heading says which page this is');
  await checkPage(page, 'registry-directory-page-2');
  await page.context().close();
});

test('filters chosen with the keyboard: kind and verified only', async (t) => {
  if (skipWithout(t)) return;
  const page = await newPage(browser);
  await visit(page, `${srv.baseUrl}/organisations`, 'registry-directory-filters');
  const all = await count(page);

  // A closed <select> takes arrow keys: the first option after "All kinds" is the association.
  await tabTo(page, 'main select#kind');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.inputValue('#kind'), 'association');
  await tabTo(page, 'main input#verified[type=checkbox]');
  await page.keyboard.press('Space');
  assert.equal(await page.isChecked('#verified'), true);
  await tabTo(page, 'main form.org-filters button[type=submit]');
  assert.equal(await pressAndWait(page, 'Enter'), 200);
  await checkPage(page, 'registry-directory-filtered');

  const url = new URL(page.url());
  assert.equal(url.searchParams.get('kind'), 'association');
  assert.equal(url.searchParams.get('verified'), '1');
  assert.equal(await page.inputValue('#kind'), 'association', 'the filter stays chosen');
  assert.equal(await page.isChecked('#verified'), true);
  const filtered = await results(page);
  assert.ok(await count(page) <= all);
  for (const r of filtered) assert.ok(r.verified, `"${r.name}" carries the verified badge`);

  // "Newest first" by keyboard (after "best match" and "name"), keeping the other filters.
  await tabTo(page, 'main select#sort');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await tabTo(page, 'main form.org-filters button[type=submit]');
  assert.equal(await pressAndWait(page, 'Enter'), 200);
  const sorted = new URL(page.url());
  assert.equal(sorted.searchParams.get('sort'), 'newest');
  assert.equal(sorted.searchParams.get('kind'), 'association');
  await checkPage(page, 'registry-directory-newest');
  await page.context().close();
});

test('a profile: JSON-LD Organization, Open Graph tags, and its map', async (t) => {
  if (skipWithout(t)) return;
  const page = await newPage(browser);
  await visit(page, `${srv.baseUrl}/organisations?verified=1`, 'registry-directory-verified');
  const first = (await results(page))[0] ?? (await (async () => {
    await visit(page, `${srv.baseUrl}/organisations`, 'registry-directory-again');
    return (await results(page))[0];
  })());
  await tabTo(page, `main .org-list__name a[href="${first.href}"]`);
  assert.equal(await pressAndWait(page, 'Enter'), 200);
  await checkPage(page, 'registry-profile');
  assert.equal(new URL(page.url()).pathname, new URL(first.href, srv.baseUrl).pathname);

  const h1 = (await page.locator('h1').innerText()).trim();
  assert.equal(h1, first.name);

  const ld = await page.locator('script[type="application/ld+json"]').textContent();
  const data = JSON.parse(ld);
  assert.equal(data['@context'], 'https://schema.org');
  assert.equal(data['@type'], 'Organization');
  assert.equal(data.name, h1);
  assert.equal(data.url, `${srv.baseUrl}${first.href}`);
  assert.ok(!ld.includes('</'), 'no "</" inside the script block');

  const og = async (p) => page.locator(`meta[property="${p}"]`).getAttribute('content');
  assert.equal(await og('og:title'), h1);
  assert.equal(await og('og:type'), 'website');
  assert.equal(await og('og:url'), `${srv.baseUrl}${first.href}`);

  // The seat's map, when the profile has public coordinates.
  if (first.lat) {
    await page.waitForSelector('#organisations-map .leaflet-marker-icon');
    assert.equal(await page.isVisible('#organisations-map'), true);
    assert.equal(await page.locator('#organisations-map .leaflet-marker-icon').getAttribute('alt'), h1);
  }

  // The logo staff uploaded: an image with a text alternative, served as an image, cached a day.
  const logo = page.locator('img.org-profile__logo');
  if (withLogo?.href === first.href) assert.equal(await logo.count(), 1, 'the uploaded logo shows');
  if (await logo.count()) {
    assert.equal(await og('og:image'), `${srv.baseUrl}${first.href}/logo`);
    assert.equal(data.logo, `${srv.baseUrl}${first.href}/logo`);
    assert.ok((await logo.getAttribute('alt')).includes(h1));
    const res = await fetch(new URL(await logo.getAttribute('src'), srv.baseUrl));
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^image\/(png|jpeg)$/);
    assert.equal(res.headers.get('cache-control'), 'public, max-age=86400');
  }
  await page.context().close();
});

test('the map is drawn from the list, under the real CSP, with named markers', async (t) => {
  if (skipWithout(t)) return;
  // bypassCSP false: Leaflet and map.js must run under script-src 'self' and the tiles must be
  // allowed by img-src. axe cannot be injected here, so this page is only inspected.
  const page = await newPage(browser, { bypassCSP: false });
  const violations = [];
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
  const before = tileRequests;
  await page.goto(`${srv.baseUrl}/organisations`, { waitUntil: 'load' });
  const withCoordinates = await page.locator('.org-list__item[data-lat]').count();
  if (withCoordinates === 0) {
    assert.equal(await page.locator('#organisations-map').count(), 0, 'no coordinates, no map');
    await page.context().close();
    return;
  }
  await page.waitForSelector('#organisations-map .leaflet-marker-icon');
  assert.equal(await page.isVisible('#organisations-map'), true, 'with JavaScript the map shows');
  assert.equal(await page.getAttribute('#organisations-map', 'role'), 'region');
  assert.ok(await page.getAttribute('#organisations-map', 'aria-label'));
  // Nearby pins are grouped (Leaflet.markercluster): a group shows how many it holds.
  const shown = await page.locator('#organisations-map .leaflet-marker-icon').evaluateAll((els) => els.map((e) => {
    const group = e.classList.contains('marker-cluster');
    return { group, count: group ? Number(e.querySelector('[aria-hidden="true"]').textContent) : 1, name: group ? e.textContent : e.getAttribute('alt') };
  }));
  assert.equal(shown.reduce((n, m) => n + m.count, 0), withCoordinates, 'every listed organisation with coordinates is on the map, alone or in a group');
  for (const m of shown) assert.ok(m.name && m.name.trim(), `every marker and group is named: ${JSON.stringify(m)}`);
  await page.waitForFunction(() => document.querySelectorAll('#organisations-map .leaflet-tile-loaded').length > 0);
  assert.ok(tileRequests > before, 'tiles came from the configured tile server');
  assert.deepEqual(violations, [], 'nothing was blocked by the CSP');

  // A group opens by keyboard (Enter zooms in on it) until single markers show; a marker opens
  // a popup with a link to the profile.
  const single = '#organisations-map .leaflet-marker-icon:not(.marker-cluster)';
  for (let i = 0; i < 10 && !(await page.locator(single).count()); i += 1) {
    const groups = await page.locator('#organisations-map .marker-cluster').count();
    await page.locator('#organisations-map .marker-cluster').first().focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(([sel, n]) => document.querySelectorAll(sel).length > 0
      || document.querySelectorAll('#organisations-map .marker-cluster').length !== n, [single, groups]);
  }
  await page.locator(single).first().focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('#organisations-map .leaflet-popup-content a');
  const href = await page.getAttribute('#organisations-map .leaflet-popup-content a', 'href');
  assert.match(href, /^\/organisations\/[^/]+$/);
  await page.context().close();

  // The same page with axe (CSP bypassed so axe can be injected), map drawn.
  const checked = await newPage(browser);
  await checked.goto(`${srv.baseUrl}/organisations`, { waitUntil: 'load' });
  await checked.waitForSelector('#organisations-map .leaflet-marker-icon');
  await checkPage(checked, 'registry-directory-map');
  await checked.context().close();
});

test('without JavaScript the map stays hidden and the list and filters work', async (t) => {
  if (skipWithout(t)) return;
  const page = await newPage(browser, { javaScriptEnabled: false });
  const res = await page.goto(`${srv.baseUrl}/organisations`, { waitUntil: 'load' });
  assert.equal(res.status(), 200);
  if (await page.locator('#organisations-map').count()) {
    assert.equal(await page.getAttribute('#organisations-map', 'hidden'), '', 'the map container keeps its hidden attribute');
    assert.equal(await page.isVisible('#organisations-map'), false);
  }
  assert.ok(await page.locator('.org-list__item').count() > 0, 'the list is there');
  assert.equal(await page.locator('.leaflet-container').count(), 0, 'no map was drawn');
  await page.context().close();

  // The GET form needs no script: search and filter by keyboard with scripts off.
  const nojs = await newPage(browser, { javaScriptEnabled: false });
  await nojs.goto(`${srv.baseUrl}/organisations`, { waitUntil: 'load' });
  assert.equal(await searchByKeyboard(nojs, 'syllogos'), 200);
  assert.equal(new URL(nojs.url()).searchParams.get('q'), 'syllogos');
  assert.ok(await nojs.locator('.org-list__item').count() > 0);
  // axe cannot be injected with scripts off; the Nu checker still reads this page.
  await savePage(nojs, 'registry-directory-nojs');
  await nojs.context().close();

  // Scripts on but Leaflet unavailable (blocked, failed to load): the same DOM as without
  // JavaScript, and here axe can run on it.
  const noLeaflet = await newPage(browser);
  await noLeaflet.route('**/static/vendor/leaflet/**', (route) => route.abort());
  await visit(noLeaflet, `${srv.baseUrl}/organisations?q=syllogos`, 'registry-directory-no-leaflet');
  if (await noLeaflet.locator('#organisations-map').count()) {
    assert.equal(await noLeaflet.isVisible('#organisations-map'), false, 'no Leaflet, no empty map box');
  }
  assert.ok(await noLeaflet.locator('.org-list__item').count() > 0);
  await noLeaflet.context().close();
});
