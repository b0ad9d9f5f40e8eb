/* global process, setInterval */
// What the test peers' Node processes share: flags, JSON replies on their loopback control endpoint, and dying with
// the test runner (a killed Playwright worker must not leave servers holding the test ports).

/** The value after `--name` on the command line, or `dflt`. */
export function flag(name, dflt) {
  const args = process.argv.slice(2);
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
}

export function sendJson(res, code, body) {
  res.writeHead(code, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
  res.end(JSON.stringify(body));
}

/** Exits on SIGTERM/SIGINT and when the process that started this one is gone. */
export function exitWithParent() {
  const stop = () => process.exit(0);
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && stop(), 500).unref();
}
