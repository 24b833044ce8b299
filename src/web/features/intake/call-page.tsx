import { Anchor, Button, Card, Group, List, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import type { ScreenPop } from './intake-types.ts';
import { LogCallButton, useLogCall } from './log-call.tsx';

type Caller = ScreenPop['customers'][number];

// The incoming call: who has this number (GET /screen-pop), what they have open and how we last
// spoke, with "log this call" and "new claim for this customer" one click away. A phone system
// opens /app/desk/call?number=… when the phone rings.
export function CallPage({ number }: { number: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [typed, setTyped] = useState(number);
  const pop = useQuery({
    queryKey: ['screen-pop', number],
    queryFn: () => api<ScreenPop>('GET', `/screen-pop?number=${encodeURIComponent(number)}`),
    enabled: number.trim() !== '',
  });
  const lookUp = (event: FormEvent) => {
    event.preventDefault();
    void navigate({ to: '/desk/call', search: { number: typed.trim() } });
  };
  return (
    <Stack maw={960}>
      <Title order={2}>
        {number ? t('intake.call.title', { number: pop.data?.number ?? number }) : t('intake.call.titleNone')}
      </Title>
      <form onSubmit={lookUp}>
        <Group align="end">
          <TextInput
            label={t('intake.call.number')}
            type="tel"
            value={typed}
            onChange={(e) => setTyped(e.currentTarget.value)}
          />
          <Button type="submit" variant="default">
            {t('intake.call.lookUp')}
          </Button>
        </Group>
      </form>
      {pop.error && <ProblemAlert error={pop.error} />}
      {number && !pop.data && !pop.error && <Text>{t('app.loading')}</Text>}
      {pop.data && pop.data.customers.length === 0 && (
        <Card withBorder>
          <Text>{t('intake.call.unknown')}</Text>
          <Group mt="sm">
            <LogCallButton number={pop.data.number} customerId={null} openItems={[]} />
            <Button
              onClick={() =>
                void navigate({ to: '/desk/new-claim', search: { phone: pop.data?.number ?? number } })
              }
            >
              {t('intake.call.newCustomerClaim')}
            </Button>
          </Group>
        </Card>
      )}
      {pop.data?.customers.map((c) => (
        <CallerCard key={c.id} caller={c} number={pop.data.number} />
      ))}
    </Stack>
  );
}

function CallerCard({ caller, number }: { caller: Caller; number: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [callId, setCallId] = useState<string | null>(null);
  const navigate = useNavigate();
  const logForClaim = useLogCall(number, caller.id);
  // The claim is registered during this call: log the call first (if not yet) so that the claim
  // carries its callId and the call is linked to the claim.
  const startClaim = async () => {
    const id =
      callId ??
      (await logForClaim
        .mutateAsync({})
        .then((c) => c.id)
        .catch(() => null));
    if (!id) return;
    setCallId(id);
    await navigate({ to: '/desk/new-claim', search: { customerId: caller.id, callId: id } });
  };
  const openItems = [
    ...caller.openClaims.map((c) => ({ kind: 'claim' as const, id: c.id, reference: c.claimNumber })),
    ...caller.openCases.map((c) => ({ kind: 'case' as const, id: c.id, reference: c.caseNumber })),
  ];
  return (
    <Card withBorder component="section" aria-label={caller.name}>
      <Group justify="space-between" align="start">
        <div>
          <Title order={3}>
            <Anchor component={Link} to={`/desk/customers/${caller.id}`} inherit>
              {caller.name}
            </Anchor>
          </Title>
          <Text size="sm" c="gray.7">
            {caller.customerNumber} · {caller.country} ·{' '}
            {t('intake.call.speaks', { language: caller.preferredLanguage.toUpperCase() })}
          </Text>
        </div>
        <Group>
          <LogCallButton
            number={number}
            customerId={caller.id}
            openItems={openItems}
            onLogged={setCallId}
            logged={callId !== null}
          />
          <Button loading={logForClaim.isPending} onClick={startClaim}>
            {t('intake.call.newClaim')}
          </Button>
        </Group>
      </Group>
      {logForClaim.error && <ProblemAlert error={logForClaim.error} />}
      <Group align="start" grow mt="md">
        <div>
          <Title order={4}>{t('intake.call.openClaims')}</Title>
          {caller.openClaims.length === 0 ? (
            <Text>{t('intake.call.none')}</Text>
          ) : (
            <List>
              {caller.openClaims.map((c) => (
                <List.Item key={c.id}>
                  <Anchor component={Link} to={`/desk/claims/${c.claimNumber}`}>
                    {c.claimNumber}
                  </Anchor>{' '}
                  · {t(`intake.claimStatus.${c.status}`)}
                  {c.dueAt && ` · ${t('intake.call.due', { at: formatDateTime(c.dueAt, lang) })}`}
                </List.Item>
              ))}
            </List>
          )}
        </div>
        <div>
          <Title order={4}>{t('intake.call.openCases')}</Title>
          {caller.openCases.length === 0 ? (
            <Text>{t('intake.call.none')}</Text>
          ) : (
            <List>
              {caller.openCases.map((c) => (
                <List.Item key={c.id}>
                  <Anchor component={Link} to={`/desk/cases/${c.caseNumber}`}>
                    {c.caseNumber}
                  </Anchor>{' '}
                  · {t(`intake.caseStatus.${c.status}`)}
                  {c.dueAt && ` · ${t('intake.call.due', { at: formatDateTime(c.dueAt, lang) })}`}
                </List.Item>
              ))}
            </List>
          )}
        </div>
        <div>
          <Title order={4}>{t('intake.call.recent')}</Title>
          {caller.recentContacts.length === 0 ? (
            <Text>{t('intake.call.none')}</Text>
          ) : (
            <List>
              {caller.recentContacts.map((r) => (
                <List.Item key={r.id}>
                  {formatDateTime(r.at, lang)} · {t(`intake.contact.${r.kind}`)}
                  {r.summary ? ` · ${r.summary}` : ''}
                </List.Item>
              ))}
            </List>
          )}
        </div>
      </Group>
    </Card>
  );
}
