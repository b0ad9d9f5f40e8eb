// The time scrubber's benchmark, shared by run.mjs (its figures) and profile.mjs --scrub (where a step's time goes).

/**
 * The time scrubber over the whole buffer: opens the Entities view (its index reads the buffer in slices), then
 * presses ← on the slider `steps` times and drags it to the middle and back, timing each from the key to the next
 * painted frame (the Entities list, the table's marked row and the chart all redrawn), with the longest main-thread
 * block. The list pass alone is read from the view (data-list-ms).
 */
export async function scrubRun(page, steps) {
  const opened = await openEntities(page);
  if (opened.timeout) return opened;
  return { ...opened, ...(await scrubSteps(page, steps)) };
}

/** Opens the Entities view and waits until its index has read the buffer (its count still for a second). */
export async function openEntities(page) {
  return page.evaluate(`(async () => {
    document.getElementById('side-tab-entities')?.click();
    const t0 = performance.now();
    let last = -1, stableSince = performance.now();
    for (;;) {
      await new Promise((r) => setTimeout(r, 200));
      const n = Number(document.querySelector('[data-entities]')?.getAttribute('data-entities') ?? -1);
      if (n !== last) { last = n; stableSince = performance.now(); }
      else if (performance.now() - stableSince > 1000) break;
      if (performance.now() - t0 > 180000) return { timeout: true };
    }
    return { entities: last, indexMs: stableSince - t0 };
  })()`, { timeoutMs: 200_000 });
}

/** Steps and jumps of the scrubber on a page whose Entities view is open (see scrubRun). */
export async function scrubSteps(page, steps) {
  return page.evaluate(`(async () => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const slider = document.getElementById('time-scrubber');
    if (!slider) return { error: 'no scrubber' };
    slider.focus();
    const step = [], list = [], sync = [];
    const s0 = performance.now();
    for (let i = 0; i < ${steps}; i++) {
      const t = performance.now();
      slider.dispatchEvent(new KeyboardEvent('keydown', { key: i % 10 === 9 ? 'PageUp' : 'ArrowLeft', bubbles: true }));
      sync.push(performance.now() - t);
      await frame();
      step.push(performance.now() - t);
      list.push(Number(document.querySelector('[data-list-ms]')?.getAttribute('data-list-ms')));
    }
    // Big jumps: the middle of the buffer (a checkpoint), then its start, then the end.
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
    const jumps = [];
    for (const f of [0.5, 0.01, 0.99]) {
      const t = performance.now();
      setter.call(slider, String(Number(slider.min) + (Number(slider.max) - Number(slider.min)) * f));
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      sync.push(performance.now() - t);
      await frame();
      jumps.push(performance.now() - t);
      list.push(Number(document.querySelector('[data-list-ms]')?.getAttribute('data-list-ms')));
    }
    const lt = __bench.longTasksSince(s0);
    const q = (xs, p) => { const v = [...xs].sort((a, b) => a - b); return v[Math.min(v.length - 1, Math.floor(p * v.length))]; };
    return { steps: step, jumps, stepSyncP50: q(sync.slice(0, step.length), 0.5), jumpSync: sync.slice(step.length), stepP50: q(step, 0.5), stepP95: q(step, 0.95), jumpMax: Math.max(...jumps), listP50: q(list, 0.5), listMax: Math.max(...list), maxBlock: lt.max };
  })()`, { timeoutMs: 300_000 });
}
