import { useEffect, useRef, useState } from 'react';
import type { RemotedevController } from '../../../dialects/remotedev';
import type { InstanceSummary } from '../../../dialects/remotedev';
import { download } from '../../../lib/download';

// The time-travel toolbar: instrument commands (Reset, Revert, Sweep, Commit, Lock, Pause recording, Refresh, Export,
// Import) and the slider with its player. A disabled control's title says why (read as its accessible description).

export function TimeTravel({ c, inst, onMessage }: { c: RemotedevController; inst: InstanceSummary; onMessage(text: string, bad?: boolean): void }) {
  const key = inst.key;
  const fileRef = useRef<HTMLInputElement>(null);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(2);
  const last = Math.max(0, inst.staged - 1);
  const pos = Math.max(0, inst.currentStateIndex);
  const posRef = useRef(pos);
  posRef.current = pos;
  const lastRef = useRef(last);
  lastRef.current = last;
  const why = (f: Parameters<RemotedevController['disabledReason']>[1]) => c.disabledReason(key, f);
  // Dragging the slider fires an input event per step: send at most one jump per 100 ms, always the latest position.
  const pending = useRef<{ index: number; timer?: ReturnType<typeof setTimeout> }>({ index: -1 });
  const jumpSoon = (index: number) => {
    pending.current.index = index;
    if (pending.current.timer) return;
    c.jumpToIndex(key, index);
    pending.current.timer = setTimeout(() => {
      pending.current.timer = undefined;
      if (pending.current.index !== index) c.jumpToIndex(key, pending.current.index);
    }, 100);
  };
  const jumpWhy = why('jump');
  // A control that would do nothing says so instead of sending a command the app ignores.
  const nothingSinceCommit = inst.staged <= 1 ? 'nothing happened since the last commit (or since the app started).' : undefined;
  const revertWhy = why('connected') ?? (nothingSinceCommit && `Nothing to revert: ${nothingSinceCommit}`);
  const commitWhy = why('connected') ?? (nothingSinceCommit && `Nothing to commit: ${nothingSinceCommit}`);
  const sweepWhy = why('connected') ?? (inst.skipped === 0 ? 'Nothing to sweep: no action is skipped (a row’s Skip button skips one).' : undefined);

  useEffect(() => {
    if (!playing) return;
    const t = setInterval(() => {
      if (posRef.current >= lastRef.current) {
        setPlaying(false);
        return;
      }
      c.jumpToIndex(key, posRef.current + 1);
    }, 1000 / speed);
    return () => clearInterval(t);
  }, [playing, speed, c, key]);

  const btn = (label: string, title: string, reason: string | undefined, run: () => void, pressed?: boolean) => (
    <button type="button" disabled={!!reason} title={reason ?? title} aria-pressed={pressed} onClick={run}>
      {label}
    </button>
  );
  return (
    <div className="rd-tt">
      <div className="rd-row" role="toolbar" aria-label="Time travel">
        {btn('Reset', 'Forget every action and go back to the initial state (RESET)', why('connected'), () => c.reset(key))}
        {btn('Revert', 'Drop uncommitted actions and return to the last committed state (ROLLBACK)', revertWhy, () => c.rollback(key))}
        {btn('Sweep', 'Remove the skipped actions from the history (SWEEP)', sweepWhy, () => c.sweep(key))}
        {btn('Commit', 'Make the current state the new starting point and drop the history (COMMIT)', commitWhy, () => c.commit(key))}
        {btn(inst.isLocked ? 'Unlock' : 'Lock', inst.isLocked ? 'Let the app change its state again (LOCK_CHANGES false)' : 'Stop the app from changing its state: new actions are ignored (LOCK_CHANGES)', why('lock'), () => c.lockChanges(key, !inst.isLocked), inst.isLocked)}
        {btn(inst.isPaused ? 'Resume recording' : 'Pause recording', inst.isPaused ? 'Record actions again (PAUSE_RECORDING false)' : 'Keep the app running but stop recording its actions (PAUSE_RECORDING)', why('pause'), () => c.pauseRecording(key, !inst.isPaused), inst.isPaused)}
        {btn('Refresh', 'Ask the app to send its whole lifted state again (UPDATE)', why('connected'), () => c.refresh(key))}
        {btn('Export', "Download this instance's history (lifted state, jsan) as a file", inst.staged ? undefined : 'Nothing recorded yet.', async () => {
          let text: string | undefined;
          try {
            text = await c.exportState(key);
          } catch (err) {
            // A state nested thousands of levels deep cannot be written by jsan (the stack runs out).
            onMessage(`Export failed: ${(err as Error).message}`, true);
            return;
          }
          if (text) download(new Blob([text], { type: 'application/json' }), `${inst.name.slice(0, 60).replace(/[^\w.-]+/g, '_')}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
        })}
        {btn('Import', 'Load a history file into the app: it replays those actions (IMPORT)', why('import'), () => fileRef.current?.click())}
        <input
          ref={fileRef}
          type="file"
          accept=".json,application/json,text/plain"
          className="sr-only"
          aria-label="Import history file"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (!file) return;
            const r = c.importState(key, await file.text());
            onMessage(r.ok ? `Imported ${file.name}; waiting for the app's state` : `Import failed: ${r.error}`, !r.ok);
          }}
        />
      </div>
      <div className="rd-row rd-slider" role="group" aria-label="Slider">
        {btn('◂ Back', 'Step back one action', jumpWhy ?? (pos <= 0 ? 'At the first state' : undefined), () => c.jumpToIndex(key, pos - 1))}
        {btn(playing ? 'Pause' : 'Play', playing ? 'Stop replaying' : 'Replay the history from the current position, one action per step', jumpWhy ?? (!playing && pos >= last ? 'At the last state' : undefined), () => setPlaying(!playing), playing)}
        {btn('Forward ▸', 'Step forward one action', jumpWhy ?? (pos >= last ? 'At the last state' : undefined), () => c.jumpToIndex(key, pos + 1))}
        <label className="rd-check" title="Replay speed">
          <span className="sr-only">Speed</span>
          <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))} aria-label="Replay speed">
            <option value={1}>1×</option>
            <option value={2}>2×</option>
            <option value={5}>5×</option>
            <option value={10}>10×</option>
          </select>
        </label>
        <input
          type="range"
          min={0}
          max={last}
          value={pos}
          disabled={!!jumpWhy || last === 0}
          title={jumpWhy ?? 'Drag to move the app through its history (JUMP_TO_ACTION)'}
          aria-label="Position in history"
          onChange={(e) => jumpSoon(Number(e.target.value))}
        />
        <span className="rd-dim" aria-label="Current position">
          {inst.currentActionId === undefined ? 'No action yet' : `At action ${inst.currentActionId}`} · {pos + 1} of {last + 1} in history
        </span>
      </div>
    </div>
  );
}
