// Who a deadline alert goes to (pure). A warning goes to the owner; the breach to the owner's
// supervisor; the second escalation to that supervisor's manager. A supervisor is someone's
// manager_id, else the first supervisor of their team; an unassigned item's "owner" is its team,
// so its breach goes to the team's supervisor. null: nobody to tell (logged by the caller).

export type StaffRef = { id: string; managerId: string | null; team: string | null };

export type Org = {
  users: ReadonlyMap<string, StaffRef>;
  /** team code → a supervisor of that team */
  teamSupervisors: ReadonlyMap<string, string>;
};

export function supervisorIn(org: Org, userId: string | null, team: string | null): string | null {
  if (userId) {
    const user = org.users.get(userId);
    if (user?.managerId) return user.managerId;
    const viaTeam = user?.team ? org.teamSupervisors.get(user.team) : undefined;
    if (viaTeam && viaTeam !== userId) return viaTeam;
    return null;
  }
  return team ? (org.teamSupervisors.get(team) ?? null) : null;
}

export function alertRecipient(
  org: Org,
  kind: 'warning' | 'breach' | 'second_escalation',
  item: { ownerId: string | null; team: string | null },
): string | null {
  if (kind === 'warning') return item.ownerId ?? supervisorIn(org, null, item.team);
  const supervisor = supervisorIn(org, item.ownerId, item.team);
  if (kind === 'breach') return supervisor;
  return supervisor ? (supervisorIn(org, supervisor, null) ?? supervisor) : null;
}
