import { Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { AssessmentResult } from './assessment-result.tsx';
import { ClaimForm, type Registered } from './claim-form.tsx';
import { CustomerStep } from './customer-step.tsx';
import type { Customer } from './intake-types.ts';
import { READABLE_ERRORS } from './readable.ts';

// The guided new claim, usually with the customer on the phone: who (find or register them), which
// policy, what happened and what is claimed, documents — then the assessment at once.
export function NewClaimPage(props: { customerId?: string; callId?: string; phone?: string }) {
  const { t } = useTranslation();
  const [customerId, setCustomerId] = useState<string | null>(props.customerId ?? null);
  const [result, setResult] = useState<Registered | null>(null);
  const customer = useQuery({
    queryKey: ['customer', customerId],
    queryFn: () => api<Customer>('GET', `/customers/${customerId}`),
    enabled: customerId !== null,
  });
  // The call belongs to the customer it was logged for: a claim for someone else is not linked to it.
  const callId = props.callId && (!props.customerId || customerId === props.customerId) ? props.callId : null;
  const restart = () => {
    setResult(null);
    setCustomerId(null);
  };
  return (
    <Stack maw={1000} style={READABLE_ERRORS}>
      <Title order={2}>{t('intake.newClaim.title')}</Title>
      {callId && <Text c="gray.7">{t('intake.newClaim.duringCall')}</Text>}
      {result ? (
        <>
          <AssessmentResult result={result} />
          <Group>
            <Button variant="default" onClick={restart}>
              {t('intake.newClaim.another')}
            </Button>
          </Group>
        </>
      ) : customerId === null ? (
        <CustomerStep phone={props.phone ?? ''} onChosen={setCustomerId} />
      ) : (
        <>
          <Card withBorder component="section" aria-labelledby="chosen-customer">
            <Group justify="space-between">
              <div>
                <Title order={3} id="chosen-customer">
                  {t('intake.newClaim.customerStep')}
                </Title>
                {customer.error && <ProblemAlert error={customer.error} />}
                {customer.data && (
                  <Text>
                    <Anchor component={Link} to={`/desk/customers/${customer.data.id}`}>
                      {customer.data.givenName} {customer.data.familyName}
                    </Anchor>{' '}
                    · {customer.data.customerNumber} · {customer.data.nationalId}
                  </Text>
                )}
              </div>
              <Button variant="default" onClick={() => setCustomerId(null)}>
                {t('intake.newClaim.changeCustomer')}
              </Button>
            </Group>
          </Card>
          {customer.data && <ClaimForm customer={customer.data} callId={callId} onRegistered={setResult} />}
        </>
      )}
    </Stack>
  );
}
