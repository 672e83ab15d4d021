// Debian's Chromium driven by playwright-core (which downloads no browser), allowed to reach loopback only.
import { chromium, type Browser, type Page } from 'playwright-core';

/** Where Debian's `chromium` package installs the browser; CHROMIUM_PATH overrides it. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Whether a URL stays on this machine; data: and blob: URLs never leave the page. */
export function isLoopback(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return protocol === 'data:' || protocol === 'blob:' || LOOPBACK_HOSTS.has(hostname);
}

/** A headless browser with one page; `blocked` lists every request it was refused (they never left the machine). */
export interface LoopbackBrowser {
  browser: Browser;
  page: Page;
  blocked: string[];
  close(): Promise<void>;
}

/** Launches headless Chromium with background traffic off and routes every non-loopback request to an abort. */
export async function launchLoopbackBrowser(viewport = { width: 1280, height: 1000 }): Promise<LoopbackBrowser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    timeout: 60_000,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      // Belt and braces under page.route: names other than loopback do not even resolve.
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
    ],
  });
  try {
    const context = await browser.newContext({ viewport, locale: 'en-US', timezoneId: 'UTC', serviceWorkers: 'block' });
    const blocked: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (isLoopback(url)) return route.continue();
      blocked.push(url);
      return route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    return { browser, page, blocked, close: () => browser.close() };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
