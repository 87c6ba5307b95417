// One real server and one Chromium for a browser suite: started before its first test and
// closed after its last. Call inside `describe`; read `.server` and `.browser` inside tests.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser.ts';
import { startServer, type RunningServer, type ServerOptions } from './server.ts';

export interface BrowserServer {
  readonly server: RunningServer;
  readonly browser: Browser;
}

export function useBrowserServer(options: ServerOptions = {}): BrowserServer {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  before(async () => {
    server = await startServer(options);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get server() {
      assert.ok(server, 'the server starts before the tests run');
      return server;
    },
    get browser() {
      assert.ok(browser, 'the browser starts before the tests run');
      return browser;
    },
  };
}
