import type { WorkspaceClaim } from './workspace-types.ts';

/** What every action dialog gets from the workspace. */
export type ActionProps = { claim: WorkspaceClaim; claimRef: string; opened: boolean; onClose: () => void };
