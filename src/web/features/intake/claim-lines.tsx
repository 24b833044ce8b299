import { ActionIcon, Button, Group, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { minorDigits } from '../../i18n/money.ts';
import type { FieldErrors } from './field-errors.ts';
import { type Cover, localized } from './intake-types.ts';

export type LineDraft = {
  key: string;
  benefitCode: string | null;
  description: string;
  serviceDate: string;
  amount: number | string;
};

export function newLine(serviceDate = ''): LineDraft {
  return { key: crypto.randomUUID(), benefitCode: null, description: '', serviceDate, amount: '' };
}

/** The claim's lines: a benefit of the product in force, what it was, the date and the amount. */
export function ClaimLines({
  lines,
  onChange,
  covers,
  currency,
  errors,
}: {
  lines: LineDraft[];
  onChange: (lines: LineDraft[]) => void;
  covers: Cover[];
  currency: string;
  errors: FieldErrors;
}) {
  const { t, i18n } = useTranslation();
  const update = (key: string, patch: Partial<LineDraft>) =>
    onChange(lines.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  const benefits = covers.map((c) => ({
    value: c.benefitCode,
    label: `${localized(c.name, i18n.language)} (${c.benefitCode})`,
  }));
  return (
    <Stack gap="sm">
      {errors.lines && (
        <Text c="red.8" size="sm">
          {errors.lines}
        </Text>
      )}
      {lines.map((line, i) => {
        const n = i + 1;
        const at = (field: string) => errors[`lines.${i}.${field}`];
        return (
          <fieldset
            key={line.key}
            style={{ border: '1px solid var(--mantine-color-gray-4)', borderRadius: 4 }}
          >
            <legend>{t('intake.line.legend', { n })}</legend>
            <Group align="start" grow wrap="wrap">
              <Select
                label={t('intake.line.benefit')}
                data={benefits}
                value={line.benefitCode}
                onChange={(v) => update(line.key, { benefitCode: v })}
                error={at('benefitCode')}
                required
                miw={220}
              />
              <TextInput
                label={t('intake.line.description')}
                value={line.description}
                onChange={(e) => update(line.key, { description: e.currentTarget.value })}
                error={at('description')}
                required
                miw={200}
              />
              <TextInput
                type="date"
                label={t('intake.line.date')}
                value={line.serviceDate}
                onChange={(e) => update(line.key, { serviceDate: e.currentTarget.value })}
                error={at('serviceDate')}
                required
                miw={150}
              />
              <NumberInput
                label={t('intake.line.amount', { currency })}
                value={line.amount}
                onChange={(v) => update(line.key, { amount: v })}
                decimalScale={minorDigits(currency)}
                min={0}
                hideControls
                error={at('amountMinor') ?? at('currency')}
                required
                miw={140}
              />
              {lines.length > 1 && (
                <ActionIcon
                  variant="default"
                  size="lg"
                  mt={24}
                  style={{ flexGrow: 0 }}
                  aria-label={t('intake.line.remove', { n })}
                  onClick={() => onChange(lines.filter((l) => l.key !== line.key))}
                >
                  ×
                </ActionIcon>
              )}
            </Group>
          </fieldset>
        );
      })}
      <Group>
        <Button
          variant="default"
          onClick={() => onChange([...lines, newLine(lines.at(-1)?.serviceDate ?? '')])}
        >
          {t('intake.line.add')}
        </Button>
      </Group>
    </Stack>
  );
}
