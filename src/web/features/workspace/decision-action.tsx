import { Checkbox, List, NumberInput, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { ScrollTable } from '../../components/scroll-table.tsx';
import { formatMoney } from '../../i18n/format.ts';
import { toMajor, toMinor } from '../../i18n/money.ts';
import { ActionModal } from './action-modal.tsx';
import type { ActionProps } from './action-props.ts';
import { DENY_REASONS } from './deny-reasons.ts';
import { READABLE_DESCRIPTION } from './readable-styles.ts';
import { useClaimAction } from './use-claim-action.ts';

export type DecisionMode = 'approve' | 'partial' | 'deny';

type DecisionResult = {
  result: 'decided' | 'escalated';
  decision: { outcome: string; amountMinor: number; currency: string } | null;
  escalation: { reason: string; proposal: { detail: string } | null } | null;
};

/**
 * Approve in full, approve in part (an amount per line, at most the assessment's) or deny (with
 * reasons). The confirmation shows the outcome and the amount the customer will be told. Beyond
 * the representative's authority the server escalates the claim instead (202): the user is told
 * so plainly, as that is not a decision.
 */
export function DecisionAction({
  claim,
  claimRef,
  opened,
  onClose,
  mode,
}: ActionProps & { mode: DecisionMode }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const currency = claim.currency;
  const assessed = new Map(claim.assessment?.lines.map((l) => [l.lineNo, l.benefitMinor]) ?? []);
  const ceiling = (lineNo: number, amount: number) => Math.min(amount, assessed.get(lineNo) ?? amount);
  const [amounts, setAmounts] = useState<Record<number, number>>({});
  const [reasons, setReasons] = useState<string[]>([]);
  const [clause, setClause] = useState('');
  const [comment, setComment] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  const action = useClaimAction(
    claimRef,
    (body: Record<string, unknown>, key: string) =>
      api<DecisionResult>('POST', `/claims/${encodeURIComponent(claimRef)}/decision`, body, {
        'Idempotency-Key': key,
      }),
    (r) =>
      r.result === 'escalated'
        ? {
            color: 'orange',
            title: t('workspace.decide.escalatedTitle'),
            message: t('workspace.decide.escalatedMessage', {
              reason: t(`workspace.escalationReason.${r.escalation?.reason ?? 'manual'}`),
            }),
          }
        : {
            title: t('workspace.decide.doneTitle'),
            message: `${t(`workspace.outcome.${r.decision?.outcome ?? 'approved'}`)} · ${formatMoney(
              r.decision?.amountMinor ?? 0,
              r.decision?.currency ?? currency,
              lang,
            )}`,
          },
    onClose,
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: the form starts from the assessment each time it opens.
  useEffect(() => {
    if (!opened) return;
    action.start();
    setAmounts(Object.fromEntries(claim.lines.map((l) => [l.lineNo, ceiling(l.lineNo, l.amountMinor)])));
    setReasons([]);
    setClause('');
    setComment('');
    setFormError(null);
  }, [opened]);

  const payable =
    mode === 'deny'
      ? 0
      : mode === 'approve'
        ? (claim.assessment?.totals.benefitMinor ?? 0)
        : Object.values(amounts).reduce((a, b) => a + b, 0);
  const body: Record<string, unknown> = {
    version: claim.version,
    outcome: mode,
    ...(mode === 'partial'
      ? { lines: claim.lines.map((l) => ({ lineNo: l.lineNo, payableMinor: amounts[l.lineNo] ?? 0 })) }
      : {}),
    ...(mode === 'deny' ? { reasonCodes: reasons } : {}),
    ...(clause.trim() ? { clause: clause.trim() } : {}),
    ...(comment.trim() ? { comment: comment.trim() } : {}),
  };
  const money = (minor: number) => formatMoney(minor, currency, lang);
  const outcomeKey = mode === 'approve' ? 'approved' : mode === 'partial' ? 'partially_approved' : 'denied';

  return (
    <ActionModal
      opened={opened}
      onClose={onClose}
      title={t(`workspace.decide.${mode}Title`)}
      customerSees
      confirmLabel={t(`workspace.decide.${mode}Confirm`)}
      pending={action.isPending}
      error={action.error}
      onConfirm={() => action.mutate(body)}
      onReview={() => {
        const problem =
          mode === 'deny' && reasons.length === 0
            ? t('workspace.decide.needReason')
            : mode === 'approve' && !claim.assessment
              ? t('claim.noAssessment')
              : null;
        setFormError(problem);
        return problem === null;
      }}
      form={
        <Stack>
          {mode === 'approve' && (
            <Text>
              {t('workspace.decide.approveText', {
                amount: money(claim.assessment?.totals.benefitMinor ?? 0),
              })}
            </Text>
          )}
          {mode === 'partial' && (
            <ScrollTable label={t('workspace.perLine')} minWidth={460}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('claim.line')}</Table.Th>
                    <Table.Th>{t('claim.amount')}</Table.Th>
                    <Table.Th>{t('claim.payable')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {claim.lines.map((l) => (
                    <Table.Tr key={l.lineNo}>
                      <Table.Td>
                        {l.lineNo} · {l.description}
                      </Table.Td>
                      <Table.Td>{money(l.amountMinor)}</Table.Td>
                      <Table.Td>
                        <NumberInput
                          aria-label={t('workspace.decide.lineAmount', { line: l.lineNo })}
                          value={toMajor(amounts[l.lineNo] ?? 0, currency)}
                          onChange={(v) =>
                            setAmounts((a) => ({
                              ...a,
                              [l.lineNo]: toMinor(typeof v === 'number' ? v : Number(v) || 0, currency),
                            }))
                          }
                          min={0}
                          max={toMajor(ceiling(l.lineNo, l.amountMinor), currency)}
                          decimalScale={2}
                          w={140}
                        />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          )}
          {mode === 'deny' && (
            <Checkbox.Group
              label={t('workspace.decide.reasons')}
              value={reasons}
              onChange={setReasons}
              withAsterisk
            >
              <Stack gap={6} mt="xs">
                {DENY_REASONS.map((r) => (
                  <Checkbox key={r} value={r} label={t(`workspace.denyReason.${r}`)} />
                ))}
              </Stack>
            </Checkbox.Group>
          )}
          <TextInput
            label={t('workspace.decide.clause')}
            placeholder="§4.2"
            value={clause}
            onChange={(e) => setClause(e.currentTarget.value)}
          />
          <Textarea
            label={t('workspace.decide.comment')}
            description={t('workspace.decide.commentHelp')}
            styles={READABLE_DESCRIPTION}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            autosize
            minRows={2}
          />
          {formError && (
            <Text c="red.8" role="alert">
              {formError}
            </Text>
          )}
        </Stack>
      }
      preview={
        <>
          <Text fw={600}>
            {t('workspace.decide.previewOutcome', { outcome: t(`workspace.outcomeWord.${outcomeKey}`) })}
          </Text>
          {mode !== 'deny' && <Text>{t('workspace.decide.previewAmount', { amount: money(payable) })}</Text>}
          {mode === 'partial' && (
            <List size="sm">
              {claim.lines.map((l) => (
                <List.Item key={l.lineNo}>
                  {l.lineNo} · {l.description}: {money(amounts[l.lineNo] ?? 0)}
                </List.Item>
              ))}
            </List>
          )}
          {mode === 'deny' && (
            <>
              <Text>{t('workspace.decide.previewReasons')}</Text>
              <List size="sm">
                {reasons.map((r) => (
                  <List.Item key={r}>{t(`workspace.denyReason.${r}`)}</List.Item>
                ))}
              </List>
              <Text size="sm">{t('workspace.decide.previewAppeal')}</Text>
            </>
          )}
          {clause.trim() && (
            <Text size="sm">{t('workspace.decide.previewClause', { clause: clause.trim() })}</Text>
          )}
        </>
      }
    />
  );
}
