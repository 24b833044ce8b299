import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useMe } from '../../app/session.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import { DeadlineBadge } from '../desk/deadline-badge.tsx';
import { ActionError } from './action-error.tsx';
import { CancelReferral, useMayCancel } from './cancel-referral.tsx';
import { Fact } from './fact.tsx';
import { localized, type Referral } from './intake-types.ts';
import { notifySuccess } from './notify.ts';

// A question a representative handed to a department, as the department's agent works it: take it
// (accept), answer it (the answer lands on the case and its owner is told), or return it saying why.
// Neither reaches the customer directly: the case's owner decides what to tell them. The case side
// may call a live referral off (cancel-referral.tsx).
export function ReferralPage({ referralRef }: { referralRef: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const path = `/referrals/${encodeURIComponent(referralRef)}`;
  const referral = useQuery({
    queryKey: ['referral', referralRef],
    queryFn: () => api<Referral>('GET', path),
  });
  if (referral.error) return <ProblemAlert error={referral.error} />;
  const r = referral.data;
  if (!r) return <Text>{t('app.loading')}</Text>;
  const live = r.status === 'open' || r.status === 'accepted';
  return (
    <Stack maw={900}>
      <Group justify="space-between">
        <Title order={2}>{t('intake.referral.title', { number: r.referralNumber })}</Title>
        <Group>
          <Badge variant="filled" color="gray.2" autoContrast size="lg">
            {t(`intake.referralStatus.${r.status}`)}
          </Badge>
          <DeadlineBadge state={r.deadlineState} />
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <Fact label={t('intake.referral.department')} value={localized(r.departmentName, lang)} />
        <Fact label={t('intake.referral.urgency')} value={t(`intake.referral.${r.urgency}`)} />
        <Fact label={t('intake.case.opened')} value={formatDateTime(r.createdAt, lang)} />
        <Fact label={t('intake.case.due')} value={r.dueAt ? formatDateTime(r.dueAt, lang) : '—'} />
      </SimpleGrid>
      <Anchor component={Link} to={`/desk/cases/${r.caseNumber}`} w="fit-content">
        {t('intake.referral.case', { number: r.caseNumber })}
      </Anchor>
      <Card withBorder>
        <Title order={3}>{t('intake.referral.question')}</Title>
        <Text style={{ whiteSpace: 'pre-wrap' }}>{r.question}</Text>
      </Card>
      {r.answer && (
        <Card withBorder>
          <Title order={3}>{t('intake.referral.answer')}</Title>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{r.answer}</Text>
        </Card>
      )}
      {r.cancelReason && (
        <Card withBorder>
          <Title order={3}>{t('intake.referral.cancelledTitle')}</Title>
          <Text>{r.cancelReason}</Text>
        </Card>
      )}
      {r.returnReason && (
        <Card withBorder>
          <Title order={3}>{t('intake.referral.returned')}</Title>
          <Text>{r.returnReason}</Text>
        </Card>
      )}
      {live && <ReferralActions referral={r} referralRef={referralRef} />}
    </Stack>
  );
}

/**
 * What can be done with a live referral, by who may do it: its department takes, answers or
 * returns it (the server checks membership; a representative does not see these), and the case
 * side — its owner, whoever referred it, a supervisor — may call it off.
 */
function ReferralActions({ referral: r, referralRef }: { referral: Referral; referralRef: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const me = useMe().data ?? null;
  const mayCancel = useMayCancel(r);
  const inDepartment = me !== null && (me.department === r.department || me.role === 'supervisor');
  const path = `/referrals/${encodeURIComponent(referralRef)}`;
  const [answer, setAnswer] = useState('');
  const [reason, setReason] = useState('');
  const act = useMutation({
    mutationFn: (action: 'accept' | 'answer' | 'return') => {
      const version = r.version;
      const body =
        action === 'accept' ? { version } : action === 'answer' ? { version, answer } : { version, reason };
      return api<Referral>('POST', `${path}/${action}`, body);
    },
    onSuccess: (next, action) => {
      queryClient.setQueryData(['referral', referralRef], next);
      void queryClient.invalidateQueries({ queryKey: ['case', next.caseNumber] });
      notifySuccess(t(`intake.referral.done_${action}`));
    },
  });
  const reload = () => void queryClient.invalidateQueries({ queryKey: ['referral', referralRef] });
  if (!inDepartment && !mayCancel) return null;
  return (
    <Card withBorder component="section" aria-label={t('intake.case.actions')}>
      <Stack>
        <ActionError error={act.error} onReload={reload} />
        {inDepartment && r.status === 'open' && (
          <Button
            w="fit-content"
            loading={act.isPending && act.variables === 'accept'}
            onClick={() => act.mutate('accept')}
          >
            {t('intake.referral.accept')}
          </Button>
        )}
        {inDepartment && (
          <>
            <Textarea
              label={t('intake.referral.answerText')}
              value={answer}
              onChange={(e) => setAnswer(e.currentTarget.value)}
              autosize
              minRows={4}
            />
            <Button
              w="fit-content"
              disabled={!answer.trim()}
              loading={act.isPending && act.variables === 'answer'}
              onClick={() => act.mutate('answer')}
            >
              {t('intake.referral.sendAnswer')}
            </Button>
            <Textarea
              label={t('intake.referral.returnReason')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              autosize
              minRows={2}
            />
            <Button
              w="fit-content"
              variant="default"
              disabled={!reason.trim()}
              loading={act.isPending && act.variables === 'return'}
              onClick={() => act.mutate('return')}
            >
              {t('intake.referral.return')}
            </Button>
          </>
        )}
        {mayCancel && (
          <CancelReferral
            referral={r}
            onCancelled={(next) => queryClient.setQueryData(['referral', referralRef], next)}
          />
        )}
      </Stack>
    </Card>
  );
}
