// Who a deadline alert goes to (pure). A warning goes to the owner; the breach to the owner's
// supervisor; the second escalation to that supervisor's manager. A supervisor is someone's
// manager_id, else the first supervisor of their team; an unassigned item's "owner" is its team,
// so its breach goes to the team's supervisor. Work for a department (a referral: a department and
// no team) answers to the department's supervisor instead: its breach goes there whoever took it,
// and so do its warnings while nobody has. null: nobody to tell (logged by the caller).

export type StaffRef = { id: string; managerId: string | null; team: string | null };

export type Org = {
  users: ReadonlyMap<string, StaffRef>;
  /** team code → a supervisor of that team */
  teamSupervisors: ReadonlyMap<string, string>;
  /** department code → its supervisor (departments.supervisor_id), if active */
  departmentSupervisors: ReadonlyMap<string, string>;
};

export type AlertItem = { ownerId: string | null; team: string | null; department?: string | null };

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

/** Who the item answers to when its deadline passes. */
export function itemSupervisor(org: Org, item: AlertItem): string | null {
  if (item.team === null && item.department) {
    const head = org.departmentSupervisors.get(item.department);
    // The department's supervisor took the work themselves: their own reporting line.
    if (head && head === item.ownerId) return supervisorIn(org, head, null);
    if (head) return head;
    return item.ownerId ? supervisorIn(org, item.ownerId, null) : null;
  }
  return supervisorIn(org, item.ownerId, item.team);
}

export function alertRecipient(
  org: Org,
  kind: 'warning' | 'breach' | 'second_escalation',
  item: AlertItem,
): string | null {
  if (kind === 'warning') return item.ownerId ?? itemSupervisor(org, item);
  const supervisor = itemSupervisor(org, item);
  if (kind === 'breach') return supervisor;
  return supervisor ? (supervisorIn(org, supervisor, null) ?? supervisor) : null;
}
