// Every kind of page at a phone's width (390 × 844 CSS pixels, as an iPhone 12–15 shows them),
// in Debian's Chromium: nothing makes the page wider than the screen (no sideways scrolling),
// and no text is cut off by a box too narrow for it. Public pages are looked at as a visitor,
// the staff pages (their lists with the filter forms) as staff, the audit log as the auditor.
// A screenshot of each is kept in build/test-logs/phone/ for a person to look at.
//
// A wide table may scroll inside its own box (overflow-x: auto): that is not cut off, and it is
// how GOV.UK shows tables on phones.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { launchBrowser, newPage, visit, logInByKeyboard } from './lib/browser.mjs';
import { startServer } from '../integration/lib/server.mjs';
import { parseDemoLogins } from '../integration/lib/flows.mjs';

const PHONE = { width: 390, height: 844 };
const SHOTS = join(resolve(dirname(fileURLToPath(import.meta.url)), '../..'), 'build', 'test-logs', 'phone');

let srv;
let browser;
let logins;

before(async () => {
  srv = await startServer({ seed: true });
  logins = parseDemoLogins(await srv.demoLogins());
  browser = await launchBrowser();
  await mkdir(SHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await srv?.stop();
});

/** What sticks out at this width: the page's own overflow, and every box that clips its text. */
function overflows(page) {
  return page.evaluate(() => {
    const out = [];
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > width + 1) {
      // Name the widest elements that reach past the screen's edge.
      for (const el of document.body.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (r.right > width + 1 && r.width > 0 && getComputedStyle(el).position !== 'fixed') {
          out.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''} reaches ${Math.round(r.right)} px`);
          if (out.length >= 5) break;
        }
      }
      if (!out.length) out.push(`the page is ${document.documentElement.scrollWidth} px wide`);
    }
    // A wide table scrolls in its box, but its caption must be readable without scrolling.
    for (const caption of document.querySelectorAll('main caption')) {
      const r = caption.getBoundingClientRect();
      if (r.right > width + 1) out.push(`the caption «${caption.textContent.trim().slice(0, 40)}» reaches ${Math.round(r.right)} px`);
    }
    for (const el of document.body.querySelectorAll('*')) {
      const style = getComputedStyle(el);
      const clips = ['hidden', 'clip'].includes(style.overflowX) || style.textOverflow === 'ellipsis';
      // Texts clipped on purpose (for screen readers only, or a skip link until it has focus)
      // are not cut off; the focused skip link is looked at separately.
      const hidden = style.clipPath !== 'none' || (style.clip && style.clip !== 'auto');
      // A map's box clips its panes by design: they pan under it (its controls are checked).
      if (!clips || hidden || el.offsetParent === null || el.classList.contains('leaflet-container')) continue;
      if (el.scrollWidth > el.clientWidth + 1 && el.textContent.trim()) {
        out.push(`${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''} cuts «${el.textContent.trim().slice(0, 40)}»`);
      }
    }
    return out;
  });
}

async function look(page, url, name) {
  await visit(page, `${srv.baseUrl}${url}`, `phone-${name}`);
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  assert.deepEqual(await overflows(page), [], `${url} at ${PHONE.width} px`);
  // The first Tab shows the skip link: it must fit too.
  await page.keyboard.press('Tab');
  assert.deepEqual(await overflows(page), [], `${url} at ${PHONE.width} px, with the skip link shown`);
}

/** The first link in main whose address matches re: a page of the demo's own data. */
async function firstLink(page, re) {
  const hrefs = await page.$$eval('main a[href]', (as) => as.map((a) => a.getAttribute('href')));
  const href = hrefs.find((h) => re.test(h));
  assert.ok(href, `a link matching ${re} on ${page.url()}`);
  return href;
}

test('the public pages fit a phone', async () => {
  const page = await newPage(browser, { viewport: PHONE });
  for (const [url, name] of [
    ['/', 'home'],
    ['/organisations', 'directory'],
    ['/organisations?q=%CF%83%CF%8D%CE%BB%CE%BB%CE%BF%CE%B3%CE%BF%CF%82&area=culture', 'directory-filtered'],
    ['/requests', 'requests'],
    ['/requests?q=%CE%BB%CE%B1%CE%BA%CE%BA%CE%BF%CF%8D%CE%B2%CE%B1&status=open', 'requests-filtered'],
    ['/requests/statistics', 'statistics'],
    ['/login', 'login'],
    ['/register', 'register'],
    ['/verify/resend', 'resend'],
    ['/demo/mail', 'demo-mailbox'],
  ]) await look(page, url, name);
  await page.goto(`${srv.baseUrl}/organisations`);
  await look(page, await firstLink(page, /^\/organisations\/[^?]/), 'organisation');
  await page.goto(`${srv.baseUrl}/requests`);
  await look(page, await firstLink(page, /^\/requests\/\d+$/), 'request');
  await page.context().close();
});

test('the staff lists, their filters and a request fit a phone', async () => {
  const page = await newPage(browser, { viewport: PHONE });
  await logInByKeyboard(page, srv.baseUrl, logins.staff.email, logins.staff.password, 'phone-staff-login');
  for (const [url, name] of [
    ['/admin/requests', 'queue'],
    ['/admin/requests?q=%CE%BB%CE%B1%CE%BA%CE%BA%CE%BF%CF%85%CE%B2%CE%B1&state=submitted', 'queue-filtered'],
    ['/admin/organisations', 'registry-queue'],
    ['/requests/new', 'new-request'],
    ['/my', 'my-page'],
    ['/account', 'account'],
  ]) await look(page, url, name);
  await page.goto(`${srv.baseUrl}/admin/requests`);
  await look(page, await firstLink(page, /^\/admin\/requests\/\d+$/), 'staff-request');
  await page.goto(`${srv.baseUrl}/admin/organisations`);
  await look(page, await firstLink(page, /^\/admin\/organisations\/\d+$/), 'review');
  await page.context().close();
});

test('the audit log fits a phone', async () => {
  const page = await newPage(browser, { viewport: PHONE });
  await logInByKeyboard(page, srv.baseUrl, logins.auditor.email, logins.auditor.password, 'phone-auditor-login');
  await look(page, '/audit', 'audit');
  await page.context().close();
});

test("the administrator's settings, holidays, people and units fit a phone", async () => {
  const page = await newPage(browser, { viewport: PHONE });
  await logInByKeyboard(page, srv.baseUrl, logins.tenant_admin.email, logins.tenant_admin.password, 'phone-admin-login');
  await look(page, '/admin/settings', 'settings');
  await look(page, '/admin/settings/holidays', 'holidays');
  await look(page, '/admin/settings/places', 'places');
  await look(page, '/admin/people', 'people');
  await look(page, '/admin/people/invite', 'people-invite');
  await look(page, await firstLink(page, /^\/admin\/people\/\d+$/).catch(() => '/admin/people'), 'people-person');
  await look(page, '/admin/units', 'units');
  await page.context().close();
});
