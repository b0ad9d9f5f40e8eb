import { Component, type ErrorInfo, type ReactNode } from 'react';
import { errorMessage } from '../../core/errors';

interface Props {
  /** What this boundary holds, in words: "The drp panel", "The Diff tab". */
  what: string;
  /** Small places (a row's action buttons) get a one-line message. */
  compact?: boolean;
  /** A change of key (the selected event, the session) clears the error and renders the children again. */
  resetKey?: unknown;
  children: ReactNode;
}

interface State {
  error: Error | null;
  key: unknown;
}

/**
 * Keeps one bad render (a dialect panel, a detail tab, a row's actions) from blanking the whole app: it says what
 * failed and why, and offers to try again; the rest of the page keeps working. The error also goes to the console
 * with React's component stack, for a bug report.
 */
export class ErrorBoundary extends Component<Props, State> {
  state: State = { error: null, key: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(errorMessage(error)) };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }

  componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(`${this.props.what} failed to render:`, error, info.componentStack);
  }

  private retry = () => this.setState({ error: null });

  render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    const { what, compact } = this.props;
    return (
      <div className={compact ? 'render-error compact' : 'render-error'} role="alert">
        <span>
          {what} failed: {error.message || String(error)}
          {compact ? '' : '. The rest of the app keeps working.'}
        </span>{' '}
        <button type="button" onClick={this.retry} title={`Render ${what.toLowerCase()} again`}>
          Try again
        </button>
      </div>
    );
  }
}
