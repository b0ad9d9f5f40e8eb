import type { ComponentType } from 'react';
import type { Session, StreamEvent } from '../../dialects/types';
import type { ConnectionExtra } from '../../settings/savedConnections';

// What a dialect's UI module provides; the registry lists one per dialect, and panels import these types from here, not
// from the registry (which imports the panels).

export interface DialectPanelProps {
  connId: string;
  session: Session | undefined;
}

export interface DetailTab {
  id: string;
  label: string;
  /** Whether this tab applies to the event (e.g. a diff only for DRP update/save). */
  applies(e: StreamEvent): boolean;
  Component: ComponentType<{ event: StreamEvent; session: Session | undefined }>;
}

export interface DialectUi {
  /** Shown under the connection bar while a connection of this dialect is active (register filters, subscriptions…). */
  Panel?: ComponentType<DialectPanelProps>;
  /** Extra tabs in the detail pane for this dialect's events. */
  detailTabs?: DetailTab[];
  /** The tab the detail pane opens on for this dialect's events until the user picks another (default: Tree). */
  defaultDetailTab?: string;
  /**
   * Buttons shown over the row under the pointer (and the selected row) in the event table, e.g. remotedev's Jump and
   * Skip. Renders nothing for rows it does not apply to.
   */
  RowActions?: ComponentType<{ event: StreamEvent; session: Session | undefined }>;
  /** What a saved or shared connection of this dialect carries beyond its settings (e.g. DRP's register filters). */
  connectionExtras?: ConnectionExtra[];
  /**
   * Extra classes for a table row, read on every render of the visible rows (keep it to a lookup), e.g. remotedev's
   * current, skipped and future actions. Empty for rows it does not apply to.
   */
  rowClass?(event: StreamEvent, session: Session | undefined): string;
  /** How the detail pane's header names a shift-click range from `first` to `last` (e.g. "Actions #3 – #7"). */
  rangeLabel?(first: StreamEvent, last: StreamEvent, session: Session | undefined): string | undefined;
}
