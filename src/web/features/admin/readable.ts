import type React from 'react';

/**
 * Mantine draws field errors in red.6, below AA contrast on white: a form showing the server's
 * field errors sets a darker red for everything under it.
 */
export const READABLE_ERRORS = {
  '--mantine-color-error': 'var(--mantine-color-red-9)',
} as React.CSSProperties;
