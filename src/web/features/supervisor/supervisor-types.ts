import type { QueueItem } from '../../api/types.ts';

// The shapes of the supervisor's and the reports' endpoints (only the fields the screens read).

export type WorkloadPerson = {
  userId: string;
  displayName: string;
  role: 'representative' | 'supervisor';
  team: string;
  open: number;
  warning: number;
  breached: number;
  escalatedToThem: number;
};

export type Workload = {
  people: WorkloadPerson[];
  unassigned: { team: string; open: number; warning: number; breached: number }[];
};

export type DeadlineStatesRow = {
  team: string | null;
  kind: 'claim' | 'service_case' | 'referral' | 'triage';
  onTrack: number;
  warning: number;
  breached: number;
  paused: number;
  none: number;
  open: number;
};

export type Escalation = {
  id: string;
  claimId: string;
  claimNumber: string;
  claimVersion: number;
  reason: string;
  comment: string | null;
  escalatedByName: string | null;
  createdAt: string;
};

export type ReportCell = string | number | null;
export type ReportResponse = {
  period: { from: string; to: string; product: string | null; country: string | null; team: string | null };
  rows: Record<string, ReportCell>[];
};

/** A queue item with the fields reassigning needs (the server sends them; api/types leaves them out). */
export type AssignableItem = QueueItem & { ownerId: string | null; team: string | null; version: number };
