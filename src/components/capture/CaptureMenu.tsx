import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useDismiss } from '../filters/useDismiss';
import { useStore } from '../../store';
import { download } from '../../lib/download';
import { buildExport, exportCount, importText, importedSessions, isImported, replay, type ExportScope, type ReplayHandle } from './importSession';
import './capture.css';
import { errorMessage } from '../../core/errors';

function ExportMenu({ onClose }: { onClose: () => void }) {
  const [secrets, setSecrets] = useState(false);
  const [scope, setScope] = useState<ExportScope>('all');
  useStore((s) => s.viewVersion);
  const run = (format: 'ndjson' | 'har') => {
    const { blob, name } = buildExport(format, scope, secrets);
    download(blob, name);
    onClose();
  };
  return (
    <div className="capture-menu" role="dialog" aria-label="Export events">
      <fieldset>
        <legend>Events</legend>
        <label>
          <input type="radio" name="export-scope" checked={scope === 'all'} onChange={() => setScope('all')} /> All in the buffer ({exportCount('all').toLocaleString()})
        </label>
        <label>
          <input type="radio" name="export-scope" checked={scope === 'filtered'} onChange={() => setScope('filtered')} /> Only the filtered ({exportCount('filtered').toLocaleString()})
        </label>
      </fieldset>
      <label title="Tokens and passwords in URLs and handshake frames are masked unless this is ticked">
        <input type="checkbox" checked={secrets} onChange={(e) => setSecrets(e.target.checked)} /> Include secrets (tokens, passwords)
      </label>
      <div className="capture-actions">
        <button type="button" className="primary" onClick={() => run('ndjson')} title="One event a line: time, direction, connection, raw frame, parsed value">
          Download NDJSON
        </button>
        <button type="button" onClick={() => run('har')} title="HAR with _webSocketMessages, the format Chrome DevTools exports (system rows are left out)">
          Download HAR
        </button>
      </div>
    </div>
  );
}

/** Replay controls for the active connection when it was imported from a file. */
function ReplayControls({ connId }: { connId: string }) {
  const [speed, setSpeed] = useState(1);
  const [running, setRunning] = useState<ReplayHandle | null>(null);
  // A replay keeps going while the user looks at other sessions; it stops when this control goes away for good.
  const runningRef = useRef<ReplayHandle | null>(null);
  runningRef.current = running;
  useEffect(() => () => runningRef.current?.stop(), []);
  return (
    <span className="replay-controls">
      <label title="Replay speed: the recorded pace, faster, or as fast as the page takes events">
        <span className="sr-only">Replay speed</span>
        <select aria-label="Replay speed" value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
          {[1, 2, 10, 100, 0].map((s) => (
            <option key={s} value={s}>
              {s ? `${s}×` : 'max'}
            </option>
          ))}
        </select>
      </label>
      {running ? (
        <button type="button" onClick={() => (running.stop(), setRunning(null))} title="Stop the replay">
          ■ Stop replay
        </button>
      ) : (
        <button
          type="button"
          onClick={() => {
            const h = replay(connId, speed);
            if (!h) return;
            setRunning(h);
            h.done.then(() => setRunning((cur) => (cur === h ? null : cur)));
          }}
          title="Feed this capture through the pipeline again, into a new session"
        >
          ▶ Replay
        </button>
      )}
    </span>
  );
}

/** Export (NDJSON / HAR), import (file picker or drop anywhere on the page) and replay of imported captures. */
export function CaptureMenu() {
  const [open, setOpen] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const activeConnId = useStore((s) => s.activeConnId);
  useSyncExternalStore(importedSessions.subscribe, importedSessions.get);
  const wrapRef = useRef<HTMLDivElement>(null);

  const load = async (file: File) => {
    setNote(`Reading ${file.name}…`);
    try {
      const r = await importText(await file.text(), file.name, (n) => setNote(`Importing ${file.name}: ${n.toLocaleString()} events…`));
      const warn = r.skipped ? ` ${r.skipped} unreadable line(s) skipped: ${r.warnings[0]}` : '';
      setNote(r.events ? `Imported ${r.events.toLocaleString()} events from ${file.name}.${warn}` : `Nothing to import in ${file.name}.${warn}`);
    } catch (err) {
      setNote(`Could not import ${file.name}: ${errorMessage(err)}`);
    }
  };

  // Drag and drop anywhere on the page.
  useEffect(() => {
    let depth = 0;
    const hasFiles = (e: DragEvent) => !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
    };
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setDragging(true);
    };
    const leave = () => {
      depth = Math.max(0, depth - 1);
      if (!depth) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      const f = e.dataTransfer?.files[0];
      if (f) void load(f);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, []);

  const close = useCallback(() => setOpen(false), []);
  useDismiss(wrapRef, open, close);

  return (
    <div className="capture" ref={wrapRef}>
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)} title="Save events as NDJSON or HAR">
        Export ▾
      </button>
      {open && <ExportMenu onClose={() => setOpen(false)} />}
      <button type="button" onClick={() => fileRef.current?.click()} title="Open an NDJSON or HAR capture as a read-only session (or drop the file on the page)">
        Import…
      </button>
      <input
        ref={fileRef}
        type="file"
        accept=".ndjson,.jsonl,.json,.har,application/json,application/x-ndjson"
        aria-label="Import capture"
        className="sr-only"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void load(f);
        }}
      />
      {isImported(activeConnId) && <ReplayControls connId={activeConnId} />}
      {note && (
        <span className="capture-note" role="status" aria-label="Import status">
          {note}
          <button type="button" className="ghost" aria-label="Dismiss" onClick={() => setNote(null)}>
            ×
          </button>
        </span>
      )}
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          Drop an NDJSON or HAR file to open it as a read-only session
        </div>
      )}
    </div>
  );
}
