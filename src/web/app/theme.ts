import { createTheme, InputWrapper } from '@mantine/core';

// A dense back-office look. The primary colour keeps AA contrast on white for text and buttons;
// field descriptions are gray.7 rather than Mantine's dimmed gray, which fails AA (4.5:1).
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: 8,
  defaultRadius: 'sm',
  focusRing: 'always',
  components: {
    InputWrapper: InputWrapper.extend({
      styles: { description: { color: 'var(--mantine-color-gray-7)' } },
    }),
  },
});
