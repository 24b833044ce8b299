import { Badge, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ScrollTable } from '../../components/scroll-table.tsx';
import { formatDate } from '../../i18n/format.ts';
import { type BusinessCalendar, inLanguage, WEEKDAYS } from './admin-types.ts';
import { AddClosedDay, RemoveClosedDay } from './calendar-closed-days.tsx';

/**
 * A country's business year: office hours per weekday, and every closed day with its name.
 * Administrators (`editable`) add a closed day and remove the ones administrators added.
 */
export function CalendarView({ calendar, editable }: { calendar: BusinessCalendar; editable: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <div>
          <Title order={4} mb="xs">
            {t('admin.calendar.officeHours')}
          </Title>
          <Text size="sm" mb="xs">
            {t('admin.calendar.timeZone', { zone: calendar.timeZone })}
          </Text>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.calendar.weekdayColumn')}</Table.Th>
                <Table.Th>{t('admin.calendar.hours')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {WEEKDAYS.map((wd) => {
                const h = calendar.officeHours[wd];
                return (
                  <Table.Tr key={wd}>
                    <Table.Td>{t(`admin.weekday.${wd}`)}</Table.Td>
                    <Table.Td>{h ? `${h.opens}–${h.closes}` : t('admin.calendar.closed')}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
          <Title order={5} mt="md" mb="xs">
            {t('admin.calendar.extraRules')}
          </Title>
          {calendar.extraClosedRules.length === 0 ? (
            <Text size="sm">{t('admin.config.none')}</Text>
          ) : (
            <List size="sm">
              {calendar.extraClosedRules.map((r) => (
                <List.Item key={r}>
                  <code>{r}</code>
                </List.Item>
              ))}
            </List>
          )}
        </div>
        <div style={{ gridColumn: 'span 2' }}>
          {editable && <AddClosedDay country={calendar.country} />}
          <Title order={4} mb="xs" mt={editable ? 'md' : undefined}>
            {t('admin.calendar.closedDays', { year: calendar.year })}
          </Title>
          <ScrollTable label={t('admin.calendar.closedDays', { year: calendar.year })} minWidth={520}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('admin.calendar.date')}</Table.Th>
                  <Table.Th>{t('admin.calendar.weekdayColumn')}</Table.Th>
                  <Table.Th>{t('admin.calendar.name')}</Table.Th>
                  <Table.Th>{t('admin.calendar.kind')}</Table.Th>
                  {editable && <Table.Th>{t('admin.product.actions')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {calendar.closedDays.map((d) => (
                  <Table.Tr key={d.date}>
                    <Table.Td>{formatDate(d.date, lang)}</Table.Td>
                    <Table.Td>
                      {t(`admin.weekday.${d.weekday}`)}
                      {d.onClosedWeekday ? ` (${t('admin.calendar.closedAnyway')})` : ''}
                    </Table.Td>
                    <Table.Td>{d.name ? inLanguage(d.name, lang) : (d.reason ?? '—')}</Table.Td>
                    <Table.Td>
                      <Badge
                        variant="filled"
                        autoContrast
                        color={d.kind === 'public_holiday' ? 'indigo.8' : 'yellow.3'}
                      >
                        {t(`admin.calendar.${d.kind}`)}
                      </Badge>
                    </Table.Td>
                    {editable && (
                      <Table.Td>
                        {d.addedByAdministrator && (
                          <RemoveClosedDay country={calendar.country} date={d.date} />
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        </div>
      </SimpleGrid>
    </Stack>
  );
}
