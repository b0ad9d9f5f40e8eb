/* global gc */
// Injected into every benchmark page before its own scripts (Page.addScriptToEvaluateOnNewDocument). It records
// animation-frame timestamps and long tasks, and waits inside the page for a sequence number to become visible, so
// the driver polls nothing while a stream runs. Works on the bare page (window.bare) and on the app
// (window.__streamscope.counters()).
(() => {
  const b = (window.__bench = { frames: [], recording: false, longTasks: [], t0: 0 });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.longTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    b.noLongTasks = true;
  }
  const tick = (t) => {
    if (b.recording) b.frames.push(t);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);

  /** { seq, at }: the newest visible sequence number and when it became visible (ms since epoch). */
  b.read = () => {
    if (window.bare) return { seq: window.bare.lastSeq, at: window.bare.lastAt, count: window.bare.count };
    const s = window.__streamscope;
    if (s && typeof s.counters === 'function') {
      const c = s.counters();
      // What the table has drawn, not merely buffered (older builds report only the view model).
      return { seq: c.lastRenderedSeq ?? c.lastShownSeq, at: Date.now(), count: c.rendered ?? c.shown, counters: c };
    }
    return null;
  };

  b.startRecording = () => {
    b.frames = [];
    b.t0 = performance.now();
    b.recording = true;
  };

  const pct = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : null);

  b.stopRecording = () => {
    b.recording = false;
    const t1 = performance.now();
    const iv = [];
    for (let i = 1; i < b.frames.length; i++) iv.push(b.frames[i] - b.frames[i - 1]);
    iv.sort((x, y) => x - y);
    const lt = b.longTasks.filter(([s]) => s >= b.t0 && s <= t1);
    return {
      seconds: (t1 - b.t0) / 1000,
      frames: b.frames.length,
      p50: pct(iv, 50),
      p95: pct(iv, 95),
      maxFrame: iv.length ? iv[iv.length - 1] : null,
      // Intervals that missed at least one vsync (a 60 Hz frame is 16.7 ms), as a share of all.
      lateShare: iv.length ? iv.filter((x) => x > 20).length / iv.length : null,
      longTaskTotal: lt.reduce((a, [, d]) => a + d, 0),
      longTaskMax: lt.reduce((a, [, d]) => Math.max(a, d), 0),
      longTasks: lt.length,
    };
  };

  /** Resolves when read().seq >= target: checked every animation frame, with a timer as a fallback. */
  b.waitForSeq = (target, timeoutMs) =>
    new Promise((resolve) => {
      const deadline = Date.now() + timeoutMs;
      let done = false;
      const check = () => {
        if (done) return;
        const r = b.read();
        if (r && r.seq >= target) {
          done = true;
          resolve({ ok: true, ...r });
        } else if (Date.now() > deadline) {
          done = true;
          resolve({ ok: false, ...r });
        }
      };
      const onFrame = () => {
        check();
        if (!done) requestAnimationFrame(onFrame);
      };
      requestAnimationFrame(onFrame);
      const timer = setInterval(() => (done ? clearInterval(timer) : check()), 100);
    });

  /** Main-thread blocks while `fn` runs to completion: long tasks that start within the window. */
  b.longTasksSince = (t0) => {
    const lt = b.longTasks.filter(([s]) => s >= t0);
    return { total: lt.reduce((a, [, d]) => a + d, 0), max: lt.reduce((a, [, d]) => Math.max(a, d), 0), count: lt.length };
  };

  /** The bare page's "new filter": one pass of Array.filter with a field predicate. */
  b.bareFilter = () => {
    const t = performance.now();
    const n = window.bare.events.filter((e) => e.type === 'service' && e.state === 'Running').length;
    return { ms: performance.now() - t, matched: n };
  };

  b.settle = async () => {
    await new Promise((r) => setTimeout(r, 300));
    if (typeof gc === 'function') {
      gc();
      await new Promise((r) => setTimeout(r, 100));
      gc();
    }
    return performance.memory ? performance.memory.usedJSHeapSize : null;
  };
})();
