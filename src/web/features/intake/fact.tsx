import { Text } from '@mantine/core';

/** A labelled value in a facts grid (label in a darker grey than "dimmed", for contrast). */
export function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="sm" c="gray.7">
        {label}
      </Text>
      <Text>{value}</Text>
    </div>
  );
}
