import { Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** A label over its value, for the small fact grids of the workspace. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="sm" c="gray.7">
        {label}
      </Text>
      <Text component="div" style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  );
}
