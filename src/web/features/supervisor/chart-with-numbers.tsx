import { BarChart } from '@mantine/charts';
import { SimpleGrid, Table } from '@mantine/core';
import type { ReactNode } from 'react';
import { ScrollTable } from '../../components/scroll-table.tsx';

// A bar chart with its numbers beside it in a table. The table is what screen readers and
// keyboards use (the chart is one labelled image, without recharts' keyboard layer), and what
// anyone reads exact figures from.

export type ChartSeries = { name: string; label: string; color: string };
export type ChartRow = Record<string, string | number>;

export function ChartWithNumbers({
  label,
  data,
  dataKey,
  categoryLabel,
  series,
  stacked = true,
  format = (v) => String(v),
  extraColumns = [],
}: {
  label: string;
  data: ChartRow[];
  dataKey: string;
  categoryLabel: string;
  series: ChartSeries[];
  stacked?: boolean;
  format?: (value: number) => string;
  extraColumns?: { key: string; label: string; render: (row: ChartRow) => ReactNode }[];
}) {
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
      <div role="img" aria-label={label}>
        <BarChart
          h={Math.max(180, 48 * data.length + 60)}
          data={data}
          dataKey={dataKey}
          orientation="vertical"
          yAxisProps={{ width: 120 }}
          type={stacked ? 'stacked' : 'default'}
          series={series}
          withLegend
          valueFormatter={format}
          barChartProps={{ accessibilityLayer: false }}
        />
      </div>
      <ScrollTable label={label} minWidth={320}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{categoryLabel}</Table.Th>
              {series.map((s) => (
                <Table.Th key={s.name} style={{ textAlign: 'right' }}>
                  {s.label}
                </Table.Th>
              ))}
              {extraColumns.map((c) => (
                <Table.Th key={c.key} style={{ textAlign: 'right' }}>
                  {c.label}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.map((row) => (
              <Table.Tr key={String(row[dataKey])}>
                <Table.Td>{row[dataKey]}</Table.Td>
                {series.map((s) => (
                  <Table.Td key={s.name} style={{ textAlign: 'right' }}>
                    {typeof row[s.name] === 'number' ? format(row[s.name] as number) : '—'}
                  </Table.Td>
                ))}
                {extraColumns.map((c) => (
                  <Table.Td key={c.key} style={{ textAlign: 'right' }}>
                    {c.render(row)}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
    </SimpleGrid>
  );
}
