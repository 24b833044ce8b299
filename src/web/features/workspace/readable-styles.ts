// Mantine's field descriptions are "dimmed", below WCAG AA's 4.5:1 on white; ours use gray.7.
export const READABLE_DESCRIPTION = { description: { color: 'var(--mantine-color-gray-7)' } };
