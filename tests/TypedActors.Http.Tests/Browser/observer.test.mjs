// Drives the observer page in a real browser (Debian's chromium through playwright-core) against a host the xunit test
// started (ObserverBrowserTests): the page loads; after a thousand actors are spawned it shows a thousand; under a
// flood the mailbox depth rises and falls; a dead letter appears in the chart; an operator kills an actor through the
// page, and a user without the policy gets no button and is refused. Prints one line per step and exits non-zero on
// the first failure. With OBSERVER_SCREENSHOTS set to a folder, it saves the screenshots the documentation shows.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const base = process.env.OBSERVER_URL;
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const screenshots = process.env.OBSERVER_SCREENSHOTS;
const STEP_TIMEOUT = 15_000;
const started = Date.now();

if (!base) {
  console.error('OBSERVER_URL is not set: this script is run by ObserverBrowserTests.');
  process.exit(2);
}

const step = (name) => console.log(`step ${name} (${Date.now() - started} ms)`);

async function scene(path) {
  const response = await fetch(new URL(path, base), { method: path.startsWith('/scene/alive') ? 'GET' : 'POST' });
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  return response.status === 204 ? null : response.json();
}

/** A browser with a fresh profile of its own, as a user who sends the given headers with every request. */
async function open(headers) {
  const profile = mkdtempSync(join(tmpdir(), 'typedactors-observer-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    extraHTTPHeaders: headers,
    viewport: { width: 1400, height: 1000 },
  });
  const page = context.pages()[0] || await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT);
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('dialog', (dialog) => dialog.accept());
  return { page, errors, close: async () => { await context.close(); rmSync(profile, { recursive: true, force: true }); } };
}

const value = (page, testId) => page.getByTestId(testId).first().getAttribute('data-value').then(Number);

async function waitFor(description, condition) {
  const until = Date.now() + STEP_TIMEOUT;
  let last;
  while (Date.now() < until) {
    last = await condition();
    if (last === true) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${description} did not happen in time (last: ${JSON.stringify(last)})`);
}

async function shoot(page, name, locator, maxHeight) {
  if (!screenshots) return;
  const path = join(screenshots, `${name}.png`);
  if (!maxHeight) {
    await (locator || page).screenshot({ path });
    return;
  }
  const box = await locator.boundingBox();
  await page.screenshot({ path, clip: { x: box.x, y: box.y, width: box.width, height: Math.min(box.height, maxHeight) } });
}

const operator = await open({ 'X-Test-Roles': 'admin' });
const visitor = await open({});
try {
  const page = operator.page;
  await page.goto(new URL('/observer/', base).href);
  await page.getByTestId('connection').filter({ hasText: 'live' }).waitFor();
  await waitFor('the first frame', async () => (await value(page, 'total-actors')) >= 3);
  step('page loaded and live');

  await scene('/scene/drones?count=1000');
  await page.getByTestId('type-count-Drone').filter({ hasText: '1,000' }).waitFor();
  if ((await value(page, 'type-count-Drone')) !== 1000) throw new Error('the page does not show 1,000 drones');
  step('1,000 spawned actors shown');

  await scene('/scene/flood?count=3000');
  const sinkQueued = page.locator('[data-testid="busiest-row"][data-type="Sink"] [data-testid="busiest-queued"]');
  await waitFor('the sink\'s mailbox depth rising to 2,999', async () => Number(await sinkQueued.getAttribute('data-value')) === 2999);
  step('mailbox depth rose under a flood');
  await scene('/scene/dead-letter');
  await scene('/scene/failure');
  await page.locator('[data-testid="dead-bar"][data-reason="RecipientDead"]').first().waitFor();
  await page.locator('[data-testid="dead-letter"][data-reason="RecipientDead"]').first().waitFor();
  step('dead letter in the chart and the list');
  await page.getByTestId('failure').first().waitFor();
  await shoot(page, 'observer-overview');

  await scene('/scene/release');
  await waitFor('the mailbox draining', async () => (await value(page, 'total-queued')) === 0);
  step('mailbox depth fell after the flood');

  await page.getByTestId('failure').first().locator('summary').click();
  const stack = await page.getByTestId('failure-stack').first().textContent();
  if (!stack.includes('Victim')) throw new Error(`the failure's stack trace does not name the actor: ${stack}`);
  step('failure with its stack trace');

  await page.locator('[data-testid="tree-group"][data-type="Manager"]').getByRole('button', { name: 'Expand Manager' }).click();
  const manager = page.locator('[data-testid="tree-actor"][data-type="Manager"]');
  await manager.getByRole('button', { name: /^Expand Manager / }).click();
  await waitFor('the manager\'s team in the tree', async () => (await manager.locator('[data-testid="tree-actor"][data-type="Worker"]').count()) === 3);
  step('supervision tree expanded');
  await shoot(page, 'observer-tree', page.getByTestId('tree'));

  await page.locator('[data-testid="tree-group"][data-type="Victim"]').getByRole('button', { name: 'Expand Victim' }).click();
  const victim = page.locator('[data-testid="tree-actor"][data-type="Victim"]').first();
  await victim.getByTestId('tree-open').first().click();
  await page.getByTestId('detail-state').filter({ hasText: '"Name": "victim"' }).waitFor();
  const state = await page.getByTestId('detail-state').textContent();
  if (state.includes('secret')) throw new Error('the state panel shows a private member not marked [State]');
  await shoot(page, 'observer-actor', page.getByTestId('detail'), 420);
  await page.getByTestId('action-kill').click();
  await page.getByTestId('detail-message').filter({ hasText: 'Killed.' }).waitFor();
  if ((await scene('/scene/alive')).victim) throw new Error('the victim is still alive after the kill');
  step('kill through the page terminated the actor');

  const other = visitor.page;
  await other.goto(new URL('/observer/', base).href);
  await other.getByTestId('connection').filter({ hasText: 'live' }).waitFor();
  if ((await other.locator('body').getAttribute('data-actions')) !== 'false') throw new Error('a user without the policy is offered actions');
  await other.locator('[data-testid="tree-group"][data-type="Sink"]').getByRole('button', { name: 'Expand Sink' }).click();
  await other.locator('[data-testid="tree-actor"][data-type="Sink"]').getByTestId('tree-open').first().click();
  await other.getByTestId('detail-state').filter({ hasText: 'Received' }).waitFor();
  if (await other.getByTestId('action-kill').isVisible()) throw new Error('a user without the policy sees the kill button');
  const handle = await other.locator('[data-testid="tree-actor"][data-type="Sink"]').first().getAttribute('data-handle');
  const status = await other.evaluate(async (h) => (await fetch(`api/nodes/local/actors/${h}/kill`, {
    method: 'POST', headers: { 'X-Observer-Action': 'kill' },
  })).status, handle);
  if (status !== 401) throw new Error(`a kill without the policy answered ${status}, not 401`);
  if (!(await scene('/scene/alive')).sink) throw new Error('the sink died although the kill was refused');
  step('without the policy: no button, and the request refused');

  const errors = [...operator.errors, ...visitor.errors];
  if (errors.length > 0) throw new Error(`script errors on the page: ${errors.join('; ')}`);
  console.log(`passed in ${Date.now() - started} ms`);
} catch (error) {
  console.error(`FAILED: ${error.message}`);
  process.exitCode = 1;
} finally {
  await operator.close();
  await visitor.close();
}
