import { Button, Checkbox, Radio, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { ActionError } from './action-error.tsx';
import { type CaseStatus, type CaseView, type Department, localized, type Referral } from './intake-types.ts';
import { notifySuccess } from './notify.ts';
import { READABLE_DESCRIPTION } from './readable.ts';

// The actions on a service case. What the customer will see — a message, a status change with its
// resolution — is confirmed first in a dialog that shows exactly that text; internal notes and
// referrals to a department are not shown to the customer and go at once.

const ALLOWED: Record<CaseStatus, CaseStatus[]> = {
  open: ['in_progress', 'awaiting_customer', 'resolved', 'withdrawn'],
  in_progress: ['awaiting_customer', 'resolved', 'withdrawn'],
  awaiting_customer: ['in_progress', 'resolved', 'withdrawn'],
  awaiting_department: ['in_progress', 'awaiting_customer', 'resolved'],
  resolved: ['closed', 'in_progress'],
  closed: [],
  withdrawn: [],
};

function useCaseUpdate(caseRef: string) {
  const queryClient = useQueryClient();
  return {
    updated: (view: CaseView) => {
      queryClient.setQueryData(['case', caseRef], view);
      void queryClient.invalidateQueries({ queryKey: ['case-referrals', caseRef] });
    },
    reload: () => void queryClient.invalidateQueries({ queryKey: ['case', caseRef] }),
  };
}

function confirm(opts: {
  title: string;
  intro: string;
  text: string;
  extra?: string;
  confirm: string;
  cancel: string;
  onConfirm: () => void;
}) {
  modals.openConfirmModal({
    title: opts.title,
    children: (
      <Stack gap="xs">
        <Text>{opts.intro}</Text>
        <Text
          component="blockquote"
          style={{
            whiteSpace: 'pre-wrap',
            borderLeft: '3px solid var(--mantine-color-gray-4)',
            paddingLeft: 12,
            margin: 0,
          }}
        >
          {opts.text}
        </Text>
        {opts.extra && <Text size="sm">{opts.extra}</Text>}
      </Stack>
    ),
    labels: { confirm: opts.confirm, cancel: opts.cancel },
    closeButtonProps: { 'aria-label': opts.cancel },
    onConfirm: opts.onConfirm,
  });
}

export function MessageForm({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const { updated, reload } = useCaseUpdate(view.caseNumber);
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<'customer' | 'internal'>('customer');
  const [awaiting, setAwaiting] = useState(false);
  const key = useRef(crypto.randomUUID());
  const post = useMutation({
    mutationFn: () =>
      api<CaseView>(
        'POST',
        `/cases/${encodeURIComponent(view.caseNumber)}/messages`,
        { body, visibility, awaitingCustomer: visibility === 'customer' && awaiting, version: view.version },
        { 'Idempotency-Key': key.current },
      ),
    onSuccess: (next) => {
      updated(next);
      key.current = crypto.randomUUID();
      setBody('');
      setAwaiting(false);
      notifySuccess(visibility === 'internal' ? t('intake.case.noteSaved') : t('intake.case.messageSent'));
    },
  });
  const closed = view.status === 'closed' || view.status === 'withdrawn';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim()) return;
    if (visibility === 'internal') return post.mutate();
    confirm({
      title: t('intake.case.confirmMessageTitle'),
      intro: t('intake.case.confirmMessageIntro'),
      text: body.trim(),
      ...(awaiting ? { extra: t('intake.case.confirmAwaiting') } : {}),
      confirm: t('intake.case.send'),
      cancel: t('intake.confirm.cancel'),
      onConfirm: () => post.mutate(),
    });
  };
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <Title order={4}>{t('intake.case.writeTitle')}</Title>
        <ActionError error={post.error} onReload={reload} />
        <Radio.Group
          label={t('intake.case.visibility')}
          value={visibility}
          onChange={(v) => setVisibility(v as 'customer' | 'internal')}
        >
          <Stack gap={6} mt={4}>
            <Radio value="customer" label={t('intake.case.toCustomer')} />
            <Radio value="internal" label={t('intake.case.internalNote')} />
          </Stack>
        </Radio.Group>
        <Textarea
          label={visibility === 'internal' ? t('intake.case.noteText') : t('intake.case.messageText')}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          autosize
          minRows={3}
          required
          disabled={closed}
        />
        {visibility === 'customer' && (
          <Checkbox
            label={t('intake.case.awaiting')}
            checked={awaiting}
            onChange={(e) => setAwaiting(e.currentTarget.checked)}
          />
        )}
        <Button type="submit" loading={post.isPending} disabled={closed || !body.trim()}>
          {visibility === 'internal' ? t('intake.case.saveNote') : t('intake.case.sendMessage')}
        </Button>
      </Stack>
    </form>
  );
}

export function StatusForm({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const { updated, reload } = useCaseUpdate(view.caseNumber);
  const targets = ALLOWED[view.status];
  const [to, setTo] = useState<CaseStatus | null>(null);
  const [reason, setReason] = useState('');
  const [resolution, setResolution] = useState('');
  const change = useMutation({
    mutationFn: () =>
      api<CaseView>('POST', `/cases/${encodeURIComponent(view.caseNumber)}/status`, {
        to,
        reason,
        ...(to === 'resolved' ? { resolution } : {}),
        version: view.version,
      }),
    onSuccess: (next) => {
      updated(next);
      setTo(null);
      setReason('');
      setResolution('');
      notifySuccess(t('intake.case.statusChanged', { status: t(`intake.caseStatus.${next.status}`) }));
    },
  });
  if (targets.length === 0) return <Text>{t('intake.case.final')}</Text>;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!to) return;
    const status = t(`intake.caseStatus.${to}`);
    confirm({
      title: t('intake.case.confirmStatusTitle', { status }),
      intro: t('intake.case.confirmStatusIntro'),
      text:
        to === 'resolved' && resolution.trim()
          ? resolution.trim()
          : t('intake.case.customerSeesStatus', { status }),
      confirm: t('intake.case.changeStatus'),
      cancel: t('intake.confirm.cancel'),
      onConfirm: () => change.mutate(),
    });
  };
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <Title order={4}>{t('intake.case.statusTitle')}</Title>
        <ActionError error={change.error} onReload={reload} />
        <Select
          label={t('intake.case.newStatus')}
          data={targets.map((s) => ({ value: s, label: t(`intake.caseStatus.${s}`) }))}
          value={to}
          onChange={(v) => setTo(v as CaseStatus | null)}
        />
        <Textarea
          label={t('intake.case.reason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          autosize
          minRows={2}
        />
        {to === 'resolved' && (
          <Textarea
            label={t('intake.case.resolution')}
            description={t('intake.case.resolutionHint')}
            styles={READABLE_DESCRIPTION}
            value={resolution}
            onChange={(e) => setResolution(e.currentTarget.value)}
            autosize
            minRows={3}
          />
        )}
        <Button type="submit" variant="default" loading={change.isPending} disabled={!to}>
          {t('intake.case.changeStatus')}
        </Button>
      </Stack>
    </form>
  );
}

export function ReferForm({ view }: { view: CaseView }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const departments = useQuery({
    queryKey: ['departments'],
    queryFn: () => api<{ items: Department[] }>('GET', '/departments'),
    staleTime: 300_000,
  });
  const [department, setDepartment] = useState<string | null>(null);
  const [question, setQuestion] = useState('');
  const [urgency, setUrgency] = useState<'standard' | 'urgent'>('standard');
  const key = useRef(crypto.randomUUID());
  const refer = useMutation({
    mutationFn: () =>
      api<Referral>(
        'POST',
        `/cases/${encodeURIComponent(view.caseNumber)}/referrals`,
        { department, question, urgency },
        { 'Idempotency-Key': key.current },
      ),
    onSuccess: (referral) => {
      key.current = crypto.randomUUID();
      setQuestion('');
      void queryClient.invalidateQueries({ queryKey: ['case', view.caseNumber] });
      void queryClient.invalidateQueries({ queryKey: ['case-referrals', view.caseNumber] });
      notifySuccess(t('intake.referral.sent', { number: referral.referralNumber }));
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    refer.mutate();
  };
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <Title order={4}>{t('intake.referral.referTitle')}</Title>
        <ActionError
          error={refer.error}
          onReload={() => void queryClient.invalidateQueries({ queryKey: ['case', view.caseNumber] })}
        />
        <Select
          label={t('intake.referral.department')}
          data={(departments.data?.items ?? [])
            .filter((d) => d.active)
            .map((d) => ({ value: d.code, label: localized(d.name, i18n.language) }))}
          value={department}
          onChange={setDepartment}
        />
        <Textarea
          label={t('intake.referral.question')}
          value={question}
          onChange={(e) => setQuestion(e.currentTarget.value)}
          autosize
          minRows={3}
        />
        <Select
          label={t('intake.referral.urgency')}
          data={[
            { value: 'standard', label: t('intake.referral.standard') },
            { value: 'urgent', label: t('intake.referral.urgent') },
          ]}
          value={urgency}
          onChange={(v) => setUrgency((v as 'standard' | 'urgent') ?? 'standard')}
          allowDeselect={false}
        />
        <Button
          type="submit"
          variant="default"
          loading={refer.isPending}
          disabled={!department || !question.trim()}
        >
          {t('intake.referral.refer')}
        </Button>
      </Stack>
    </form>
  );
}
