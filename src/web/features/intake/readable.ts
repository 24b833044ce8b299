import type React from 'react';
// Mantine's input descriptions are "dimmed" grey, below WCAG AA contrast on white: a darker grey.
export const READABLE_DESCRIPTION = { description: { color: 'var(--mantine-color-gray-7)' } };

/**
 * Mantine draws field errors (the message and the field's text) in red.6, below AA contrast on
 * white: a page with server field errors sets a darker red for everything under it.
 */
export const READABLE_ERRORS = {
  '--mantine-color-error': 'var(--mantine-color-red-9)',
} as React.CSSProperties;
