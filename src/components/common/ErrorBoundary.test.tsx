import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { ErrorBoundary } from './ErrorBoundary';

// No DOM here: the boundary's own steps (catch, fallback, reset on a new key) are driven directly.
describe('ErrorBoundary', () => {
  it('shows what failed and a way to go on, and clears on a new reset key', () => {
    const props = { what: 'The drp panel', resetKey: 'c1:1', children: 'ok' };
    const b = new ErrorBoundary(props);
    expect(renderToStaticMarkup(<>{b.render()}</>)).toBe('ok');
    b.state = { ...b.state, ...ErrorBoundary.getDerivedStateFromError(new TypeError("Cannot read properties of undefined (reading 'x')")) };
    const html = renderToStaticMarkup(<>{b.render()}</>);
    expect(html).toContain('role="alert"');
    expect(html).toContain("The drp panel failed: Cannot read properties of undefined (reading &#x27;x&#x27;)");
    expect(html).toContain('Try again</button>');
    expect(ErrorBoundary.getDerivedStateFromProps(props, b.state)).toBeNull();
    expect(ErrorBoundary.getDerivedStateFromProps({ ...props, resetKey: 'c1:2' }, b.state)).toEqual({ error: null, key: 'c1:2' });
  });

  it('turns a thrown non-Error into a message', () => {
    expect(ErrorBoundary.getDerivedStateFromError('bad state').error?.message).toBe('bad state');
  });
});
