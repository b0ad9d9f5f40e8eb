import { readFile } from 'node:fs/promises';
import { test, expect, type Page } from '@playwright/test';
import { collectErrors, openApp, peerPort } from './support';
import { legacyPeersReady, startMobxApp, startReduxApp, startReduxDevtoolsCli, type AppLifted, type Peer, type ReduxApp } from './support/remotedevPeers';
import { actionRow, drawnActionRows, isLiveMark, table } from './support/remotedevJourneys';
import { clickAsUser, wheelToAndClick } from './support/remotedevClickable';

// The monitor tells the truth about what real apps send: circular values, reused action ids, types, restarts. Against
// the real @redux-devtools/cli 5 and real apps started here; "the app's own state" is read from the app over HTTP.
const CLI_PORT = peerPort(8331);
const APP_PORT = peerPort(8332);
const TYPED_APP_PORT = peerPort(8333);
const TWIN_APP_PORT = peerPort(8334);
const DEEP_APP_PORT = peerPort(8335);
const MOBX_APP_PORT = peerPort(8336);
const endpoint = (p: number) => `ws://127.0.0.1:${p}/socketcluster/`;

test.describe.configure({ mode: 'serial' });
test.setTimeout(90_000);
test.use({ viewport: { width: 1280, height: 800 } });

async function connect(page: Page) {
  await openApp(page, { dialect: 'remotedev', endpoint: endpoint(CLI_PORT) });
  await clickAsUser(page.getByRole('button', { name: 'Connect', exact: true }));
  await expect(page.getByLabel('Channel login')).toContainText('channel log');
}

const tab = (page: Page, name: string) => page.getByRole('tabpanel', { name });

/**
 * What the user sees equals the app's own lifted state: the rows that are not history list the app's staged actions
 * (ids and types, in order), the current marker is on the app's current action, skipped ones are marked, and the
 * inspector's State of the current row is the app's state. Rows from before are marked as history and offer no Jump.
 */
async function expectMonitorEqualsApp(page: Page, app: ReduxApp, step: string) {
  let l: AppLifted | undefined;
  const live = async () => (await drawnActionRows(page)).filter((r) => isLiveMark(r.mark));
  await expect
    .poll(
      async () => {
        l = await app.lifted();
        const mine = JSON.stringify((await live()).map((r) => [r.id, r.type]));
        const theirs = JSON.stringify(l.actions.map((a) => [a.id, a.type]));
        return mine === theirs ? 'equal' : `monitor ${mine}, app ${theirs}`;
      },
      { message: step },
    )
    .toBe('equal');
  const rows = await live();
  expect(rows.map((r) => [r.id, r.type]), step).toEqual(l!.actions.map((a) => [a.id, a.type]));
  expect(rows.filter((r) => r.mark === 'current').map((r) => r.id), step).toEqual([l!.stagedActionIds[l!.currentStateIndex]]);
  expect(rows.filter((r) => r.mark === 'skipped').map((r) => r.id), step).toEqual(l!.skippedActionIds);
  // The inspector on the current row: its State is the app's.
  const current = table(page).getByRole('row').filter({ has: page.getByRole('cell', { name: 'current', exact: true }) });
  await expect(current).toHaveCount(1);
  await clickAsUser(current.getByRole('cell').first());
  await clickAsUser(page.getByRole('tab', { name: 'State', exact: true }));
  const count = (await app.state()).counter.count;
  await expect(tab(page, 'State').getByRole('treeitem').filter({ hasText: /^count/ }), step).toHaveText(`count: ${count}`);
}

test.describe('remotedev: what real apps send', () => {
  let cli: Peer;
  let app: ReduxApp;
  test.beforeAll(async () => {
    [cli, app] = await Promise.all([startReduxDevtoolsCli(CLI_PORT), startReduxApp({ serverPort: CLI_PORT, httpPort: APP_PORT, name: 'TruthApp' })]);
  });
  test.afterAll(async () => {
    await app?.stop();
    await cli?.stop();
  });

  test('a circular action and state: every tab, Copy and Export work, references shown as references', async ({ page, context }) => {
    const errors = collectErrors(page);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await connect(page);
    await expect(page.getByLabel('Instance', { exact: true })).toContainText('TruthApp — connected');
    // KEEP puts the action in the state, and the action holds itself: both are circular.
    await app.dispatch({ type: 'KEEP', note: 'loop' }, { cycle: true });
    const row = actionRow(page, 'KEEP');
    await expect(row).toHaveCount(1);
    await clickAsUser(row.getByRole('cell').first());

    for (const name of ['Tree', 'Action', 'State', 'Diff', 'Raw']) {
      await clickAsUser(page.getByRole('tab', { name, exact: true }));
      await expect(tab(page, name)).toBeVisible();
    }
    // Raw is the action as it arrived: the reference to itself is jsan's notation, not an error.
    await expect(tab(page, 'Raw')).toContainText('"self":{"$jsan":"$.action"}');
    await clickAsUser(page.getByRole('tab', { name: 'State', exact: true }));
    await expect(tab(page, 'State')).toContainText('kept');
    await expect(tab(page, 'State')).toContainText('loop');

    await clickAsUser(page.getByRole('button', { name: 'Copy', exact: true }));
    await expect(page.getByRole('status').filter({ hasText: /^Copied$/ })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('{"$jsan":"$.action"}');

    await clickAsUser(page.getByRole('button', { name: 'Export ▾' }));
    const dialog = page.getByRole('dialog', { name: 'Export events' });
    await dialog.getByRole('radio', { name: /All in the buffer/ }).check();
    const [dl] = await Promise.all([page.waitForEvent('download'), clickAsUser(dialog.getByRole('button', { name: 'Download NDJSON' }))]);
    const lines = (await readFile((await dl.path())!, 'utf8')).trim().split('\n');
    const records = lines.map((l) => JSON.parse(l) as { type?: string; raw?: string; value?: { action?: { self?: unknown } } });
    const kept = records.find((r) => r.type === 'KEEP');
    expect(kept?.raw).toContain('"self":{"$jsan":"$.action"}');
    expect(kept?.value?.action?.self).toEqual({ $jsan: '$.value.action' });
    expect(errors).toEqual([]);
  });

  test('after Commit, Reset, Pause→Resume and Import the list is the app’s own history; older rows are marked and take no commands', async ({ page }) => {
    const errors = collectErrors(page);
    await connect(page);
    await expect(page.getByLabel('Instance', { exact: true })).toContainText('TruthApp — connected');
    for (const by of [1, 2, 3]) await app.dispatch({ type: 'ADD', by });
    await expectMonitorEqualsApp(page, app, 'three actions');
    const download = page.waitForEvent('download');
    await clickAsUser(page.getByRole('button', { name: 'Export', exact: true }));
    const exported = await (await download).path();

    await clickAsUser(page.getByRole('button', { name: 'Commit', exact: true }));
    await expect.poll(async () => (await app.lifted()).stagedActionIds).toEqual([0]);
    await expectMonitorEqualsApp(page, app, 'after Commit');
    await app.dispatch({ type: 'ADD', by: 5 });
    await expectMonitorEqualsApp(page, app, 'an action after Commit reuses id 1');
    // The rows from before the Commit stay, dimmed, and offer no Jump or Skip for the new ids; why is said once.
    const old = actionRow(page, '{by: 2}');
    await expect(old).toHaveClass(/rd-gone/);
    await expect(table(page).getByRole('row').filter({ hasText: /Committed: TruthApp folded its \d+ actions? into its base state/ })).toHaveCount(1);
    await old.hover();
    await expect(old.getByRole('button', { name: /Jump to action/ })).toHaveCount(0);

    await clickAsUser(page.getByRole('button', { name: 'Reset', exact: true }));
    await expect.poll(async () => (await app.state()).counter.count).toBe(0);
    await expectMonitorEqualsApp(page, app, 'after Reset');
    for (const by of [6, 7]) await app.dispatch({ type: 'ADD', by });
    await expectMonitorEqualsApp(page, app, 'two actions after Reset');

    await clickAsUser(page.getByRole('button', { name: 'Pause recording', exact: true }));
    await expect.poll(async () => (await app.lifted()).isPaused).toBe(true);
    await app.dispatch({ type: 'ADD', by: 8 });
    // Paused, the app keeps its history (plus an @@PAUSED entry) and neither records nor sends its actions: the rows
    // are still the app's history, and that is said once.
    const paused = (await app.lifted()).actions.map((a) => `${a.id} ${a.type}`);
    expect(paused.at(-1)).toMatch(/@@PAUSED$/);
    await expect.poll(async () => (await drawnActionRows(page)).filter((r) => isLiveMark(r.mark)).map((r) => `${r.id} ${r.type}`)).toEqual(paused);
    await expect(table(page).getByRole('row').filter({ hasText: /Recording paused: TruthApp keeps running but records and sends no actions until recording resumes/ })).toHaveCount(1);
    await clickAsUser(page.getByRole('button', { name: 'Resume recording', exact: true }));
    await expect.poll(async () => (await app.lifted()).isPaused).toBe(false);
    await expectMonitorEqualsApp(page, app, 'after Pause→Resume');
    await expect(table(page).getByRole('row').filter({ hasText: /Recording resumed: as on Commit, TruthApp folded its 2 actions into its base state/ })).toHaveCount(1);
    await app.dispatch({ type: 'ADD', by: 9 });
    await expectMonitorEqualsApp(page, app, 'an action after Resume');

    await page.getByLabel('Import history file').setInputFiles(exported);
    const file = JSON.parse(await readFile(exported, 'utf8')) as { stagedActionIds: number[]; actionsById: Record<number, { action: { type: string } }> };
    await expect.poll(async () => (await app.lifted()).actions.map((a) => a.type)).toEqual(file.stagedActionIds.map((id) => file.actionsById[id].action.type));
    await expectMonitorEqualsApp(page, app, 'after Import');
    await app.dispatch({ type: 'ADD', by: 10 });
    await expectMonitorEqualsApp(page, app, 'an action after Import');
    expect(errors).toEqual([]);
  });

  test('with serialize on, Map, Set, Date, RegExp, Symbol, Error, NaN, ±Infinity, undefined and a class show by their type, and survive Export and Import', async ({ page }) => {
    const errors = collectErrors(page);
    const typedApp = await startReduxApp({ serverPort: CLI_PORT, httpPort: TYPED_APP_PORT, name: 'TypedApp', serialize: true });
    try {
      await connect(page);
      const instance = page.getByLabel('Instance', { exact: true });
      await expect(instance.getByRole('option', { name: /^TypedApp — connected/ })).toHaveCount(1);
      await instance.selectOption({ label: (await instance.getByRole('option', { name: /^TypedApp — / }).textContent())! });
      await typedApp.dispatch({ type: 'TYPES' }, { typed: true });
      await typedApp.dispatch({ type: 'TYPES', n: 1 });
      const first = actionRow(page, 'TYPES').first();
      await expect(actionRow(page, 'TYPES')).toHaveCount(2);
      await clickAsUser(first.getByRole('cell').first());

      await clickAsUser(page.getByRole('tab', { name: 'Action', exact: true }));
      const item = (panel: string, text: string) => tab(page, panel).getByRole('treeitem').filter({ hasText: new RegExp(`^[▸▾]?${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }).first();
      await expect(item('Action', 'at: ')).toHaveText('at: Date 1970-01-01T00:00:01.000Z');
      await expect(item('Action', 'ids: ')).toContainText('ids: Set(2)');

      await clickAsUser(page.getByRole('tab', { name: 'State', exact: true }));
      // The tree opens two levels deep: `typed` is open, its Maps and Sets are not.
      const expected: [string, string][] = [
        ['when: ', 'when: Date 1970-01-01T00:00:00.000Z'],
        ['pattern: ', 'pattern: /ab+c/gi'],
        ['tag: ', 'tag: Symbol(tag)'],
        ['nan: ', 'nan: NaN'],
        ['inf: ', 'inf: Infinity'],
        ['ninf: ', 'ninf: -Infinity'],
        ['nothing: ', 'nothing: undefined'],
      ];
      for (const [start, text] of expected) await expect(item('State', start)).toHaveText(text);
      await expect(item('State', 'failure: ')).toContainText('failure: Error: boom');
      await expect(item('State', 'price: ')).toContainText('price: Money {amount, currency}');
      await expect(item('State', 'unique: ')).toContainText('unique: Set(2)');
      await wheelToAndClick(tab(page, 'State'), tab(page, 'State').getByRole('button', { name: 'Expand byKey' }));
      await expect(item('State', 'byKey: ')).toContainText('byKey: Map(2)');
      await expect(item('State', '"a": ')).toHaveText('"a": 1');
      await expect(item('State', '{id: 1}: ')).toHaveText('{id: 1}: "object key"');
      // Real strings stay quoted, so "NaN" the string never looks like NaN the number.
      await wheelToAndClick(tab(page, 'State'), tab(page, 'State').getByRole('button', { name: 'Expand strings' }));
      await expect(item('State', '0: ')).toHaveText('0: "NaN"');
      await expect(item('State', '2: ')).toHaveText('2: "[undefined]"');

      // Diff of the first TYPES: the whole typed value, written by type; of the second, only n (typed values equal).
      await clickAsUser(page.getByRole('tab', { name: 'Diff', exact: true }));
      const diff = page.getByRole('table', { name: 'State changes made by this action' });
      await expect(diff.getByRole('row').filter({ hasText: /^typed/ })).toContainText('Map(2) {"a" => 1, {id: 1} => "object key"}');
      await expect(diff.getByRole('row').filter({ hasText: /^typed/ })).toContainText('when: Date 1970-01-01T00:00:00.000Z');
      await clickAsUser(actionRow(page, 'TYPES').last().getByRole('cell').first());
      await expect(diff.getByRole('row')).toHaveCount(2);
      await expect(diff.getByRole('row').nth(1)).toContainText(/typed\.n\s*changed\s*0\s*1/);

      // Export keeps every type tag and the class's wrapper; Reset and Import: the app replays it and the types are back.
      const download = page.waitForEvent('download');
      await clickAsUser(page.getByRole('button', { name: 'Export', exact: true }));
      const file = await (await download).path();
      const text = await readFile(file, 'utf8');
      for (const tag of ['{"$jsan":"d0"}', '{"$jsan":"rig,ab+c"}', '{"$jsan":"stag"}', '{"$jsan":"n"}', '{"$jsan":"y"}', '{"$jsan":"u"}', '"__serializedType__":"Money"', '{"$jsan":"m[[', '{"$jsan":"l[']) expect(text, tag).toContain(tag);
      await clickAsUser(page.getByRole('button', { name: 'Reset', exact: true }));
      await expect.poll(async () => (await typedApp.state()).counter.count).toBe(0);
      await expect.poll(async () => ((await typedApp.state()) as unknown as { typed: unknown }).typed).toBeNull();
      await page.getByLabel('Import history file').setInputFiles(file);
      await expect.poll(async () => ((await typedApp.state()) as unknown as { typed: { n: number } | null }).typed?.n).toBe(1);
      const replayed = actionRow(page, 'TYPES').filter({ has: page.getByRole('cell', { name: 'current', exact: true }) });
      await clickAsUser(replayed.getByRole('cell').first());
      await clickAsUser(page.getByRole('tab', { name: 'State', exact: true }));
      await expect(item('State', 'when: ')).toHaveText('when: Date 1970-01-01T00:00:00.000Z');
      await expect(item('State', 'price: ')).toContainText('price: Money {amount, currency}');
      expect(errors).toEqual([]);
    } finally {
      await typedApp.stop();
    }
  });

  test('a picked app that restarts is followed to its new instance; twins are told apart; dead entries can be forgotten', async ({ page }) => {
    const errors = collectErrors(page);
    const twin = await startReduxApp({ serverPort: CLI_PORT, httpPort: TWIN_APP_PORT, name: 'TruthApp' });
    try {
      await connect(page);
      const instance = page.getByLabel('Instance', { exact: true });
      const options = instance.getByRole('option', { name: /^TruthApp/ });
      await expect(options).toHaveCount(2);
      // Two apps of the same name: each label names its instance id and when it came, so they differ.
      const [a, b] = await options.allTextContents();
      expect(a).not.toBe(b);
      expect(a).toMatch(/^TruthApp \[\w+, since \d\d:\d\d:\d\d\] — connected/);
      await twin.stop();
      await expect(instance.getByRole('option', { name: /^TruthApp .*— disconnected/ })).toHaveCount(1);
      // The one the user picks (the app still running), then the app restarts: a new store, a new instanceId.
      const ours = instance.getByRole('option', { name: /^TruthApp .*— connected/ });
      await instance.selectOption({ label: (await ours.textContent())! });
      await app.stop();
      await expect(page.getByLabel('Instance status')).toContainText('TruthApp · disconnected');
      app = await startReduxApp({ serverPort: CLI_PORT, httpPort: APP_PORT, name: 'TruthApp' });
      await expect(page.getByRole('status', { name: 'Instance followed' })).toContainText('TruthApp restarted');
      await expect(page.getByLabel('Instance status')).toContainText('TruthApp · connected');
      await expect(page.getByRole('button', { name: 'Reset', exact: true })).toBeEnabled();
      await app.dispatch({ type: 'ADD', by: 41 });
      await expect(actionRow(page, '{by: 41}')).toHaveCount(1);
      // Both dead entries of that name say an app of that name is back (which one restarted, nobody can tell).
      await expect(instance.getByRole('option', { name: /^TruthApp .*— disconnected, restarted/ })).toHaveCount(2);

      await clickAsUser(page.getByRole('button', { name: 'Forget 2 disconnected' }));
      await expect(instance.getByRole('option', { name: /^TruthApp/ })).toHaveCount(1);
      await expect(page.getByLabel('Instance status')).toContainText('TruthApp · connected');
      expect(errors).toEqual([]);
    } finally {
      await twin.stop();
    }
  });

  test('a state 20 000 levels deep and a 100 000-character app name: every tab shows, the selector fits', async ({ page }) => {
    const errors = collectErrors(page);
    const name = `Deep${'x'.repeat(99_996)}`;
    const deep = await startReduxApp({ serverPort: CLI_PORT, httpPort: DEEP_APP_PORT, name, nodeArgs: ['--stack-size=7000'] });
    try {
      await connect(page);
      const instance = page.getByLabel('Instance', { exact: true });
      const option = instance.getByRole('option', { name: /^Deepx+… — connected/ });
      await expect(option).toHaveCount(1);
      await instance.selectOption({ label: (await option.textContent())! });
      expect((await instance.boundingBox())!.width).toBeLessThan(640);
      await deep.dispatch({ type: 'DEEP', levels: 20_000 });
      const row = actionRow(page, '{levels: 20000}');
      await expect(row).toHaveCount(1);
      await clickAsUser(row.getByRole('cell').first());
      for (const t of ['State', 'Diff', 'Action', 'Raw', 'Tree']) {
        await clickAsUser(page.getByRole('tab', { name: t, exact: true }));
        await expect(tab(page, t)).toBeVisible();
      }
      await clickAsUser(page.getByRole('tab', { name: 'State', exact: true }));
      // The tree opens two levels; each further level opens on demand, however deep the state goes.
      await wheelToAndClick(tab(page, 'State'), tab(page, 'State').getByRole('button', { name: 'Expand next' }).first());
      await wheelToAndClick(tab(page, 'State'), tab(page, 'State').getByRole('button', { name: 'Expand next' }).first());
      await expect(tab(page, 'State').getByRole('button', { name: 'Collapse next' })).toHaveCount(2);
      await clickAsUser(page.getByRole('tab', { name: 'Diff', exact: true }));
      await expect(page.getByRole('table', { name: 'State changes made by this action' }).getByRole('row').filter({ hasText: /^deep/ })).toContainText('changed');
      expect(errors).toEqual([]);
    } finally {
      await deep.stop();
    }
  });

  test('action creators as Redux DevTools calls them: trailing empty fields left out, rest arguments; a MobX store’s methods', async ({ page }) => {
    test.skip(!legacyPeersReady(), 'test-peers/legacy (mobx-remotedev, remotedev 0.2.9) not installed: node scripts/prepare-test-peers.mjs');
    const errors = collectErrors(page);
    await connect(page);
    // remotedev connect() announces the store's methods once, in its first INIT, and never answers START: the
    // store comes after the monitor, as it would in a page reloaded under an open monitor.
    const mobx = await startMobxApp({ serverPort: CLI_PORT, httpPort: MOBX_APP_PORT, name: 'MobxStore' });
    try {
      const instance = page.getByLabel('Instance', { exact: true });
      const pick = async (re: RegExp) => {
        await expect(instance.getByRole('option', { name: re })).toHaveCount(1);
        await instance.selectOption({ label: (await instance.getByRole('option', { name: re }).textContent())! });
      };
      // Redux: label(text, note = 'none') with note left empty gets one argument, so its default applies.
      await pick(/^TruthApp — connected/);
      const creators = page.getByRole('form', { name: 'Action creators' });
      const choose = async (re: RegExp) => {
        const select = creators.getByLabel('Action creator');
        await select.selectOption({ label: (await select.getByRole('option', { name: re }).textContent())! });
      };
      // The fields are named after the parameters, as the app's get-params reads them.
      const field = (k: number) => creators.getByRole('textbox').nth(k);
      await choose(/^label\(/);
      await field(0).fill("'hello'");
      await clickAsUser(creators.getByRole('button', { name: 'Call', exact: true }));
      await expect.poll(async () => ((await app.state()) as unknown as { labelled: unknown }).labelled).toEqual({ text: 'hello', note: 'none', given: 1 });
      // ...rest adds arguments after the named ones.
      await creators.getByLabel('...rest').fill("['extra', 3]");
      await clickAsUser(creators.getByRole('button', { name: 'Call', exact: true }));
      await expect.poll(async () => ((await app.state()) as unknown as { labelled: unknown }).labelled).toEqual({ text: 'hello', note: 'extra', given: 3 });

      // MobX: the methods its INIT announced are the creators; a call by hand reaches the store too.
      await pick(/^MobxStore — connected/);
      // mobx's action() wrapper hides the parameter names, so the creator has no fields: it is called without any.
      await choose(/^increment\(/);
      await clickAsUser(creators.getByRole('button', { name: 'Call', exact: true }));
      await expect.poll(async () => (await mobx.state()).count).toBe(1);
      // By hand: a call of an announced method with literal arguments.
      const editor = page.getByLabel(/Call a method of the store/);
      await editor.fill('increment(5)');
      await clickAsUser(page.getByRole('button', { name: 'Dispatch', exact: true }));
      await expect.poll(async () => (await mobx.state()).count).toBe(6);
      await editor.fill("addTodo('milk')");
      await clickAsUser(page.getByRole('button', { name: 'Dispatch', exact: true }));
      await expect.poll(async () => (await mobx.state()).todos).toEqual(['milk']);
      await editor.fill('constructor()');
      await clickAsUser(page.getByRole('button', { name: 'Dispatch', exact: true }));
      await expect(page.getByRole('alert')).toContainText('not one of the methods');
      await expect(actionRow(page, 'addTodo')).toHaveCount(1);
      expect(errors).toEqual([]);
    } finally {
      await mobx.stop();
    }
  });
});
