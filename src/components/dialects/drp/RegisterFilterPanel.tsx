import { useId, useMemo, useState, useSyncExternalStore } from 'react';
import type { Session } from '../../../dialects/types';
import { DRP_ACTIONS, DRP_PRESETS, DRP_TYPES, drpSocketUrl, localFilterMemory, partitionFilters, type DrpController, type DrpFilterEntry, type DrpState, type FilterStatus } from '../../../dialects/drp';
import { useStore } from '../../../store';
import type { DialectPanelProps } from '../types';
import './drp.css';

const STATUS_TEXT: Record<FilterStatus, { label: string; title: string }> = {
  waiting: { label: 'not sent', title: 'The connection is not open; it is sent as soon as it is.' },
  pending: { label: 'sent', title: "Sent; waiting for the server's websocket reply." },
  confirmed: { label: 'confirmed', title: 'The server replied to the register command.' },
};

const EMPTY: DrpState = { open: false, filters: [] };
const noSubscribe = () => () => {};

function useDrpState(controller: DrpController | undefined): DrpState {
  return useSyncExternalStore(controller?.state.subscribe ?? noSubscribe, controller ? controller.state.get : () => EMPTY);
}

/** Completions for what has been typed so far: types first, then actions, then known keys. */
export function filterSuggestions(text: string, knownMachines: string[]): string[] {
  const parts = text.split('.');
  if (parts.length === 1) return ['*.*.*', ...DRP_TYPES.map((t) => `${t}.*.*`)];
  const type = parts[0] || '*';
  if (parts.length === 2) return [`${type}.*.*`, ...DRP_ACTIONS.map((a) => `${type}.${a}.*`)];
  const action = parts[1] || '*';
  const keys = type === 'machines' ? knownMachines : type === 'profiles' ? ['global'] : [];
  return [`${type}.${action}.*`, ...keys.map((k) => `${type}.${action}.${k}`)];
}

function controllerOf(session: Session | undefined): DrpController | undefined {
  const c = session?.controller as DrpController | undefined;
  return c && typeof c.register === 'function' ? c : undefined;
}

function FilterRow({ entry, onRemove }: { entry: DrpFilterEntry; onRemove?: () => void }) {
  const st = STATUS_TEXT[entry.status];
  return (
    <li className="drp-filter">
      <code>{entry.filter}</code>
      <span className={`drp-status drp-${entry.status}`} title={st.title}>
        {st.label}
      </span>
      <span className="drp-count" title="Events matched by this filter since it was added (counted locally with the server's rules)">
        {entry.matched} matched
      </span>
      {onRemove && (
        <button type="button" className="ghost" aria-label={`Deregister ${entry.filter}`} title={`Send "deregister ${entry.filter}" (the exact same string) and forget it`} onClick={onRemove}>
          Remove
        </button>
      )}
    </li>
  );
}

function MachineJobsForm({ controller, onDone }: { controller: DrpController; onDone: (uuid: string) => void }) {
  const [uuid, setUuid] = useState('');
  const [error, setError] = useState<string | null>(null);
  const listId = useId();
  // Machines seen so far; refreshed when the field gets focus, not on every event.
  const [machines, setMachines] = useState(() => controller.knownMachines());
  return (
    <form
      className="drp-row"
      aria-label="Jobs of one machine"
      onSubmit={(e) => {
        e.preventDefault();
        const err = controller.registerMachineJobs(uuid);
        setError(err);
        if (!err) onDone(uuid.trim());
      }}
    >
      <label className="field grow">
        <span>Machine UUID</span>
        <input type="text" list={listId} value={uuid} spellCheck={false} placeholder="a machine's UUID (key of its machines events)"
          onFocus={() => setMachines(controller.knownMachines())}
          onChange={(e) => setUuid(e.target.value)}
        />
      </label>
      <datalist id={listId}>
        {machines.map((m) => (
          <option key={m.uuid} value={m.uuid} label={m.name} />
        ))}
      </datalist>
      <button type="submit" title="Register jobs.*.* and machines.*.<uuid>">
        Register jobs of this machine
      </button>
      {error && (
        <p className="error-line" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

/** Register filters for a DRP session: add, remove, presets, confirmation and match counts per filter. */
export function RegisterFilterPanel({ connId, session }: DialectPanelProps) {
  const controller = controllerOf(session);
  const state = useDrpState(controller);
  const endpoint = useStore((s) => s.connections.find((c) => c.id === connId)?.endpoint ?? '');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [machineForm, setMachineForm] = useState(false);
  const [machineHint, setMachineHint] = useState<string | null>(null);
  const listId = useId();
  const helpId = useId();

  const remembered = useMemo(() => {
    if (controller) return [];
    try {
      // Only what a session would send: invalid remembered filters are dropped (with a notice) when it starts.
      return partitionFilters(localFilterMemory(drpSocketUrl(endpoint)).load()).valid;
    } catch {
      return [];
    }
  }, [controller, endpoint]);

  const suggestions = useMemo(() => filterSuggestions(text, controller ? controller.knownMachines().slice(0, 20).map((m) => m.uuid) : []), [text, controller]);

  if (!controller) {
    return (
      <div className="drp-panel" aria-label="Register filters">
        <p className="note">
          Connect to register filters: a DRP server sends no events until a <code>register type.action.key</code> command asks for them.
          {remembered.length > 0 && <> Remembered for this endpoint and registered on connect: {remembered.map((f) => <code key={f}>{f} </code>)}</>}
        </p>
      </div>
    );
  }

  const add = (filter: string) => {
    const err = controller.register(filter);
    setError(err);
    if (!err) setText('');
  };

  return (
    <div className="drp-panel" aria-label="Register filters">
      <form
        className="drp-row"
        aria-label="Register filter"
        onSubmit={(e) => {
          e.preventDefault();
          add(text);
        }}
      >
        <label className="field grow">
          <span>Filter</span>
          <input
            type="text"
            list={listId}
            value={text}
            spellCheck={false}
            autoComplete="off"
            placeholder="type.action.key, e.g. machines.*.* or profiles.save.global"
            aria-describedby={helpId}
            aria-invalid={!!error}
            onChange={(e) => {
              setText(e.target.value);
              setError(null);
            }}
          />
        </label>
        <datalist id={listId}>
          {suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
        <button type="submit" className="primary" title="Send register <filter> to the server">
          Register
        </button>
        <span className="drp-presets" role="group" aria-label="Presets">
          {DRP_PRESETS.map((p) => (
            <button
              key={p.id}
              type="button"
              title={p.title}
              aria-expanded={p.id === 'machine-jobs' ? machineForm : undefined}
              onClick={() => (p.id === 'machine-jobs' ? setMachineForm(!machineForm) : add(p.filter))}
            >
              {p.label}
            </button>
          ))}
        </span>
      </form>
      <p id={helpId} className="sr-only">
        Three fields separated by dots: type, action, key. Each is * for any value or an exact, case-sensitive value; the key takes the rest of the text.
      </p>
      {error && (
        <p className="error-line" role="alert">
          {error}
        </p>
      )}
      {machineForm && (
        <MachineJobsForm
          controller={controller}
          onDone={(uuid) => {
            setMachineForm(false);
            setMachineHint(uuid);
          }}
        />
      )}
      {machineHint && (
        <p className="note">
          To see only this machine's jobs, filter the table with <code>Object.Machine:{machineHint}</code> (or <code>{machineHint}</code> for its jobs and its own events).
        </p>
      )}
      {state.warning && (
        <p className="error-line" role="alert" aria-label="Dropped filters">
          {state.warning}
        </p>
      )}
      {state.notice && (
        <p className="note drp-notice" role="status" aria-label="Filter notice">
          {state.notice}
        </p>
      )}
      {state.filters.length === 0 ? (
        <p className="note">No filters registered: the server sends no events until you register one.</p>
      ) : (
        <ul className="drp-filters" aria-label="Registered filters">
          {state.filters.map((f) => (
            <FilterRow key={f.filter} entry={f} onRemove={() => controller.deregister(f.filter)} />
          ))}
        </ul>
      )}
    </div>
  );
}
