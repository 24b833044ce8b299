import type { TFunction } from 'i18next';
import type { Language, Role } from '../../api/types.ts';
import type { Department, Team } from './admin-people-types.ts';

// Options for the pickers, each with its text in the chosen language. An empty value means
// "none" (no team, no department) or "any" in the filters.

export const LANGUAGE_CODES: readonly Language[] = ['sv', 'it', 'en'];

export function roleOptions(t: TFunction, roles: readonly Role[]) {
  return roles.map((r) => ({ value: r, label: t(`adminPeople.role.${r}`) }));
}

export function teamOptions(teams: readonly Team[] | undefined, emptyLabel: string, current?: string | null) {
  const options = [
    { value: '', label: emptyLabel },
    ...(teams ?? []).map((x) => ({ value: x.code, label: `${x.code} – ${x.name}` })),
  ];
  // A login may sit in a team code that has no row (older data): keep it selectable as it is.
  if (current && !options.some((o) => o.value === current)) options.push({ value: current, label: current });
  return options;
}

export function departmentOptions(
  departments: readonly Department[] | undefined,
  language: string,
  emptyLabel: string,
  current?: string | null,
) {
  const options = [
    { value: '', label: emptyLabel },
    ...(departments ?? []).map((d) => ({
      value: d.code,
      label: d.name[language as Language] ?? d.code,
    })),
  ];
  if (current && !options.some((o) => o.value === current)) options.push({ value: current, label: current });
  return options;
}

export function languageOptions(t: TFunction) {
  return LANGUAGE_CODES.map((l) => ({ value: l, label: t(`adminPeople.language.${l}`) }));
}
