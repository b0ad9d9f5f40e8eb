import { useRef, useState } from 'react';
import { useStore } from '../../store';
import { getSession } from '../../store/sessions';
import { pushRecent } from '../../lib/recent';

const HISTORY_MAX = 50;

/** A text-frame composer with shell-like history (↑/↓). */
export function SendBox() {
  const connId = useStore((s) => s.activeConnId);
  const open = useStore((s) => s.statuses[s.activeConnId]?.phase === 'open');
  useStore((s) => s.sessionEpochs[s.activeConnId]);
  const session = getSession(connId);
  const [text, setText] = useState('');
  const history = useRef<string[]>([]);
  const cursor = useRef(-1);
  if (!session?.capabilities.canSend) return null;
  const send = () => {
    if (!text) return;
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
        send();
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
        placeholder={open ? 'Text frame to send (Enter sends, Shift+Enter for a new line, ↑/↓ history)' : 'Connect to send frames'}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            send();
          } else if ((e.key === 'ArrowUp' || e.key === 'ArrowDown') && !text.includes('\n')) {
            const h = history.current;
            if (!h.length) return;
            e.preventDefault();
            cursor.current = Math.max(-1, Math.min(h.length - 1, cursor.current + (e.key === 'ArrowUp' ? 1 : -1)));
            setText(cursor.current < 0 ? '' : h[cursor.current]);
          }
        }}
      />
      <button type="submit" disabled={!open || !text}>
        Send
      </button>
    </form>
  );
}
