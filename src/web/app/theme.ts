import { createTheme } from '@mantine/core';

// A dense back-office look; the primary colour keeps AA contrast on white for text and buttons.
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: 8,
  defaultRadius: 'sm',
  focusRing: 'always',
});
