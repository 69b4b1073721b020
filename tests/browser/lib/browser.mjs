// Browser-test helpers: Debian's Chromium driven by playwright-core, axe-core checks,
// and saving each page for the Nu HTML checker.
//
//   const browser = await launchBrowser();
//   const page = await newPage(browser);                  // Greek locale by default
//   await visit(page, `${srv.baseUrl}/`, 'home');         // goto + axe + save
//   await tabTo(page, 'form button[type=submit]');
//   await browser.close();
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { saveHtml } from '../../integration/lib/http.mjs';

export { saveHtml, htmlDir } from '../../integration/lib/http.mjs';

const require = createRequire(import.meta.url);

export const CHROMIUM = process.env.SYNERGEIA_CHROMIUM || '/usr/bin/chromium';

// Without the background-networking flags Chromium keeps trying to reach Google's
// services, which this machine's closed network refuses; as root it needs --no-sandbox.
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser(options = {}) {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 60_000,
    ...options,
  });
}

/**
 * A page in a fresh context (its own cookies). options go to browser.newContext();
 * the default locale is Greek, as for most of our users.
 *
 * bypassCSP is true because axe-core is injected as a <script>, which our strict
 * Content-Security-Policy (script-src 'self') would block. To test the CSP itself,
 * pass {bypassCSP: false} and do not call checkA11y on that page.
 */
export async function newPage(browser, options = {}) {
  const context = await browser.newContext({
    locale: 'el-GR',
    bypassCSP: true,
    ...options,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

let axeSource;
function axeScript() {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

function formatViolations(url, violations) {
  const lines = [`axe found ${violations.length} accessibility violation(s) on ${url}:`];
  for (const v of violations) {
    lines.push(`- [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})`);
    for (const node of v.nodes.slice(0, 5)) {
      lines.push(`    at ${node.target.join(' ')}: ${node.failureSummary?.replace(/\n/g, ' ')}`);
    }
    if (v.nodes.length > 5) lines.push(`    … and ${v.nodes.length - 5} more`);
  }
  return lines.join('\n');
}

/** The WCAG 2.1 A and AA rules, which the platform promises to meet. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Runs axe-core on the current page with the WCAG 2.1 A/AA rules and throws, listing
 * each violation and where it is, if there is any. Returns axe's full result.
 */
export async function checkA11y(page, { tags = WCAG_TAGS, exclude } = {}) {
  const hasAxe = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!hasAxe) {
    const handle = await page.addScriptTag({ content: axeScript() });
    // The tag has run; take it out again so savePage() stores the server's markup only.
    await handle.evaluate((el) => el.remove());
  }
  const results = await page.evaluate(async ({ tags: t, exclude: ex }) => {
    const context = ex ? { include: [document], exclude: ex } : document;
    const r = await window.axe.run(context, { runOnly: { type: 'tag', values: t }, resultTypes: ['violations'] });
    return {
      violations: r.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({ target: n.target.map(String), failureSummary: n.failureSummary })),
      })),
    };
  }, { tags, exclude });
  if (results.violations.length) throw new Error(formatViolations(page.url(), results.violations));
  return results;
}

/** Writes the page's current HTML to build/html-pages/<name>.html for tests/html/vnu-check. */
export async function savePage(page, name) {
  return saveHtml(name, await page.content());
}

/**
 * Goes to url, requires a 2xx answer (or `status`), checks the page with axe and saves
 * it for the Nu checker under `name`. Every page a browser test visits should come here.
 */
export async function visit(page, url, name, { status } = {}) {
  const res = await page.goto(url, { waitUntil: 'load' });
  const code = res ? res.status() : 0;
  if (status !== undefined ? code !== status : code < 200 || code > 299) {
    throw new Error(`GET ${url} answered ${code}`);
  }
  await checkPage(page, name);
  return res;
}

/** axe + save for a page reached some other way (after a click or a form submit). */
export async function checkPage(page, name) {
  await savePage(page, name);
  await checkA11y(page);
}

/** A short description of the focused element, for keyboard-only tests and their errors. */
export function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id || null,
      name: el.getAttribute('name'),
      type: el.getAttribute('type'),
      href: el.getAttribute('href'),
      text: (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 80),
    };
  });
}

/** One line of a tab order, for error messages. */
function describe(info) {
  return info ? `${info.tag}${info.id ? `#${info.id}` : ''}${info.name ? `[name=${info.name}]` : ''} "${info.text}"` : '(body)';
}

/** Whether the focused element matches a CSS selector. */
export function focusMatches(page, selector) {
  return page.evaluate((sel) => Boolean(document.activeElement?.matches(sel)), selector);
}

/**
 * Presses Tab (or key, e.g. Shift+Tab) until the focused element matches selector; throws with
 * the order seen. Selectors keep the tests independent of the wording, which changes with the
 * language.
 */
export async function tabTo(page, selector, { maxTabs = 80, key = 'Tab' } = {}) {
  const seen = [];
  for (let i = 0; i < maxTabs; i += 1) {
    await page.keyboard.press(key);
    if (await focusMatches(page, selector)) return focused(page);
    seen.push(describe(await focused(page)));
  }
  throw new Error(`${key} never reached ${selector} on ${page.url()}; focus went:\n  ${seen.join('\n  ')}`);
}

/** Tabs to a field and types into it, as a person would. */
export async function fill(page, selector, text, options) {
  await tabTo(page, selector, options);
  await page.keyboard.type(text);
}

/**
 * Presses key on the focused element and waits for the page it leads to. Returns the last
 * response's status (after redirects), so error pages (422) can be told from successes.
 */
export async function pressAndWait(page, key) {
  const [response] = await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    page.keyboard.press(key),
  ]);
  return response ? response.status() : 0;
}

/** The path of the page's URL. */
export function path(page) {
  return new URL(page.url()).pathname;
}

/** The page's messages, for assertion errors that say what went wrong. */
export async function problems(page) {
  const texts = await page.locator('.error-summary, .notification, .error-message').allInnerTexts();
  return `${page.url()}: ${texts.join(' | ') || '(no message on the page)'}`;
}

/**
 * Logs in on baseUrl/login by keyboard, requires the landing on the person's own page (/my), and checks both pages
 * (axe and the Nu checker: `name` and `name`-done).
 */
export async function logInByKeyboard(page, baseUrl, email, password, name) {
  await visit(page, `${baseUrl}/login`, name);
  await fill(page, 'main input#email', email);
  await fill(page, 'main input#password', password);
  const status = await pressAndWait(page, 'Enter');
  if (status !== 200) throw new Error(`log-in of ${email} answered ${status}: ${await problems(page)}`);
  if (path(page) !== '/my') throw new Error(`log-in should land on the person's own page: ${await problems(page)}`);
  await checkPage(page, `${name}-done`);
}

/** Follows a link of the main navigation by keyboard (on a page just loaded: Tab starts at the top). */
export async function menu(page, href, name) {
  await tabTo(page, `.main-nav a[href="${href}"]`);
  const status = await pressAndWait(page, 'Enter');
  if (status !== 200) throw new Error(`${href} answered ${status}: ${await problems(page)}`);
  if (path(page) !== href) throw new Error(`${href} led to ${path(page)}`);
  await checkPage(page, name);
}

/** Chooses the option whose text matches re in a focused select, with the arrow keys. */
export async function chooseByKeyboard(page, selector, re) {
  await tabTo(page, selector);
  const options = await page.$$eval(`${selector} option`, (os) => os.map((o) => o.textContent.trim()));
  const index = options.findIndex((t) => re.test(t));
  assert.ok(index >= 0, `an option matching ${re} in ${selector}: ${options.join(' | ')}`);
  const current = await page.$eval(selector, (s) => s.selectedIndex);
  for (let i = current; i < index; i += 1) await page.keyboard.press('ArrowDown');
  for (let i = current; i > index; i -= 1) await page.keyboard.press('ArrowUp');
  assert.match(await page.$eval(selector, (s) => s.options[s.selectedIndex].textContent), re);
}

/**
 * Opens "Enter the coordinates yourself", where the latitude and longitude fields fold while a
 * location map works (js/request-map.js), by keyboard; nothing when the map did not load.
 */
export async function openCoordinates(page) {
  if (!(await page.locator('main details.location-map__fields').count())) return;
  await tabTo(page, 'main details.location-map__fields > summary');
  await page.keyboard.press('Enter');
  assert.ok(await page.$eval('main details.location-map__fields', (d) => d.open), 'Enter opens the coordinates');
}
