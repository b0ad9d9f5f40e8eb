import { useMemo, useState } from 'react';
import type { Session, StreamEvent } from '../../../dialects/types';
import { copyText } from '../../../lib/clipboard';
import { frameLocation, frameRuns, parseStack, type StackFrame } from '../../../lib/stackFrames';
import { useDetail } from './InspectorTabs';

/**
 * The call stack the app recorded when it dispatched the action (the instrument's `trace` option), as Redux DevTools'
 * Trace tab shows it: the app's own frames, with the runs of library and runtime frames between them folded.
 */
export function TraceTab({ event, session }: { event: StreamEvent; session: Session | undefined }) {
  const { detail } = useDetail(event, session);
  const stack = typeof detail?.action?.stack === 'string' ? detail.action.stack : undefined;
  const parsed = useMemo(() => (stack ? parseStack(stack) : undefined), [stack]);
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const [copied, setCopied] = useState('');
  if (!detail) return <p className="note">This connection is closed: the action's trace was released with its history.</p>;
  if (!stack || !parsed) return <NoTrace gone={detail.committed} />;
  const runs = frameRuns(parsed.frames);
  const appFrames = parsed.frames.filter((f) => f.kind === 'app').length;
  // With no frame of the app's own (dispatched from a library, e.g. a remote action creator) nothing is folded.
  const fold = appFrames > 0;
  return (
    <div className="rd-trace">
      <div className="rd-row-controls">
        <button type="button" title="Copy the stack as the app recorded it" onClick={async () => setCopied((await copyText(stack)) ? 'Copied' : 'Copy failed')}>
          Copy stack
        </button>
        <span role="status" className="copied">
          {copied}
        </span>
        <span className="rd-dim">
          {parsed.frames.length} frame{parsed.frames.length === 1 ? '' : 's'}, {appFrames} in the app's code
        </span>
      </div>
      {parsed.message && parsed.message !== 'Error' && <p className="rd-dim">{parsed.message}</p>}
      <ol className="rd-frames" aria-label="Stack frames">
        {runs.map((run, r) =>
          run.app || !fold || open.has(r) ? (
            run.frames.map((f, k) => <Frame key={`${r}:${k}`} f={f} />)
          ) : (
            <li key={`${r}:folded`} className="rd-frames-folded">
              <button type="button" aria-expanded={false} onClick={() => setOpen(new Set(open).add(r))} title={run.frames.map((f) => f.fn).join('\n')}>
                {foldedLabel(run.frames)}
              </button>
            </li>
          ),
        )}
      </ol>
    </div>
  );
}

/** "3 library frames", "2 runtime frames", "5 library and runtime frames". */
function foldedLabel(frames: StackFrame[]): string {
  const kinds = new Set(frames.map((f) => f.kind));
  const what = kinds.size > 1 ? 'library and runtime' : [...kinds][0];
  return `${frames.length} ${what} frame${frames.length === 1 ? '' : 's'}`;
}

function Frame({ f }: { f: StackFrame }) {
  const where = frameLocation(f);
  return (
    <li className={`rd-frame rd-frame-${f.kind}`}>
      <span className="rd-frame-fn">{f.fn}</span>
      {f.kind !== 'app' && <span className="rd-frame-kind">{f.kind}</span>}
      {where && <code className="rd-frame-where">{where}</code>}
    </li>
  );
}

function NoTrace({ gone }: { gone: boolean }) {
  if (gone) return <p className="note">The app no longer holds this action, so its trace is gone with it.</p>;
  return (
    <div className="note">
      <p>No stack trace came with this action. The app records one for each action when its store is created with trace on, for example:</p>
      <pre className="raw">{`devToolsEnhancer({ realtime: true, trace: true, traceLimit: 25 })`}</pre>
      <p>(@redux-devtools/remote; remote-redux-devtools takes the same options). It costs the app a stack capture per action, so keep it to development.</p>
    </div>
  );
}
