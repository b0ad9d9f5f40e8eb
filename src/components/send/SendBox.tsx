import { useRef, useState } from 'react';
import { useStore } from '../../store';
import { getSession } from '../../store/sessions';
import { pushRecent } from '../../lib/recent';
import './send.css';

const HISTORY_MAX = 50;

/**
 * A text-frame composer with shell-like history (↑/↓). The dialect vets each frame as it is typed: a frame the server
 * would crash or disconnect on is refused with the reason, and one it mishandles is sent only after a warning.
 */
export function SendBox() {
  const connId = useStore((s) => s.activeConnId);
  const open = useStore((s) => s.statuses[s.activeConnId]?.phase === 'open');
  useStore((s) => s.sessionEpochs[s.activeConnId]);
  const session = getSession(connId);
  const [text, setText] = useState('');
  const history = useRef<string[]>([]);
  const cursor = useRef(-1);
  // The text whose warning Enter has already shown: a second Enter sends it.
  const [armed, setArmed] = useState<string | null>(null);
  if (!session?.capabilities.canSend) return null;
  const check = text ? (session.vetSend?.(text) ?? null) : null;
  const send = (confirmed: boolean) => {
    if (!text || check?.refuse) return;
    if (check?.warn && !confirmed && armed !== text) {
      setArmed(text);
      return;
    }
    setArmed(null);
    session.send(text);
    // Whoever sends wants to see the frame and the reply: follow the tail again.
    useStore.getState().setFollowing(true);
    history.current = pushRecent(history.current, text, HISTORY_MAX);
    cursor.current = -1;
    setText('');
  };
  return (
    <form
      className="send-box"
      aria-label="Send a frame"
      onSubmit={(e) => {
        e.preventDefault();
        send(true);
      }}
    >
      <label htmlFor="send-text" className="sr-only">
        Message to send
      </label>
      <textarea
        id="send-text"
        rows={1}
        value={text}
        spellCheck={false}
        placeholder={open ? (session.sendHint ?? 'Text frame to send (Enter sends, Shift+Enter for a new line, ↑/↓ history)') : 'Connect to send frames'}
        aria-invalid={!!check?.refuse}
        aria-describedby={check ? 'send-check' : undefined}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            send(false);
          } else if ((e.key === 'ArrowUp' || e.key === 'ArrowDown') && !text.includes('\n')) {
            const h = history.current;
            if (!h.length) return;
            e.preventDefault();
            cursor.current = Math.max(-1, Math.min(h.length - 1, cursor.current + (e.key === 'ArrowUp' ? 1 : -1)));
            setText(cursor.current < 0 ? '' : h[cursor.current]);
          }
        }}
      />
      <button type="submit" disabled={!open || !text || !!check?.refuse}>
        {check?.warn ? 'Send anyway' : 'Send'}
      </button>
      {check && (check.refuse || check.warn) && (
        <p id="send-check" className={`send-check ${check.refuse ? 'refused' : 'warned'}`} role="alert">
          {check.refuse ?? `${check.warn}${armed === text ? ' Press Enter again to send it anyway.' : ''}`}
        </p>
      )}
    </form>
  );
}
