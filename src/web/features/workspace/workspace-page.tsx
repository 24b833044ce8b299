import { Anchor, Grid, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { Link, useNavigate } from '@tanstack/react-router';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/session.ts';
import { useShortcut } from '../../app/shortcuts.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { ActionBar, type ActionName } from './action-bar.tsx';
import { AssessmentCard } from './assessment-card.tsx';
import { CallAction } from './call-action.tsx';
import { ClaimLinesCard } from './claim-lines-card.tsx';
import { ClaimStatusBadge } from './claim-status-badge.tsx';
import { CustomerCard } from './customer-card.tsx';
import { DecisionAction } from './decision-action.tsx';
import { DecisionCard } from './decision-card.tsx';
import { DocumentsPanel } from './documents-panel.tsx';
import { EscalateAction } from './escalate-action.tsx';
import { InformationRequestsCard } from './information-requests-card.tsx';
import { NoteAction } from './note-action.tsx';
import { NotesPanel } from './notes-panel.tsx';
import { PolicyCard } from './policy-card.tsx';
import { ReferAction } from './refer-action.tsx';
import { RequestInfoAction } from './request-info-action.tsx';
import { TimelinePanel } from './timeline-panel.tsx';
import { useClaim } from './workspace-queries.ts';
import type { WorkspaceClaim } from './workspace-types.ts';

// Statuses from which a person can still decide, ask or escalate (the server checks the details).
const UNDECIDED = ['registered', 'in_review', 'awaiting_information', 'escalated', 'appealed'];
const ACTING_ROLES = ['representative', 'supervisor', 'administrator'];
type Tab = 'documents' | 'timeline' | 'notes';

/** The representative's workspace on one claim: everything to decide it, and the actions. */
export function WorkspacePage({ claimRef }: { claimRef: string }) {
  const { t } = useTranslation();
  const claim = useClaim(claimRef);
  return (
    <>
      <Anchor component={Link} to="/desk" mb="md" display="inline-block">
        ← {t('workspace.backToQueue')}
      </Anchor>
      {claim.error && <ProblemAlert error={claim.error} />}
      {!claim.data && !claim.error && <Text>{t('app.loading')}</Text>}
      {claim.data && <Workspace claim={claim.data} claimRef={claimRef} />}
    </>
  );
}

function Workspace({ claim, claimRef }: { claim: WorkspaceClaim; claimRef: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [open, setOpen] = useState<ActionName | null>(null);
  const [tab, setTab] = useState<Tab>('documents');
  const canAct = ACTING_ROLES.includes(me.data?.role ?? '');
  const canDecide = UNDECIDED.includes(claim.status);

  // Shortcuts do nothing while a dialog is open (its fields take the keys) or for people who may
  // not act on claims.
  const trigger = useCallback(
    (name: ActionName, decides: boolean) => {
      if (open || !canAct || (decides && !canDecide)) return;
      setOpen(name);
    },
    [open, canAct, canDecide],
  );
  const showTab = useCallback((which: Tab) => {
    setTab(which);
    document.getElementById(`workspace-tab-${which}`)?.focus();
  }, []);
  const close = useCallback(() => setOpen(null), []);
  useShortcut(
    'a',
    'workspace.action.approve',
    useCallback(() => trigger('approve', true), [trigger]),
  );
  useShortcut(
    'p',
    'workspace.action.partial',
    useCallback(() => trigger('partial', true), [trigger]),
  );
  useShortcut(
    'x',
    'workspace.action.deny',
    useCallback(() => trigger('deny', true), [trigger]),
  );
  useShortcut(
    'r',
    'workspace.action.request',
    useCallback(() => trigger('request', true), [trigger]),
  );
  useShortcut(
    'e',
    'workspace.action.escalate',
    useCallback(() => trigger('escalate', true), [trigger]),
  );
  useShortcut(
    'f',
    'workspace.action.refer',
    useCallback(() => trigger('refer', false), [trigger]),
  );
  useShortcut(
    'n',
    'workspace.action.note',
    useCallback(() => trigger('note', false), [trigger]),
  );
  useShortcut(
    'c',
    'workspace.action.call',
    useCallback(() => trigger('call', false), [trigger]),
  );
  useShortcut(
    'd',
    'workspace.shortcut.documents',
    useCallback(() => showTab('documents'), [showTab]),
  );
  useShortcut(
    't',
    'workspace.shortcut.timeline',
    useCallback(() => showTab('timeline'), [showTab]),
  );
  useShortcut(
    'q',
    'workspace.shortcut.queue',
    useCallback(() => {
      if (!open) void navigate({ to: '/desk' });
    }, [open, navigate]),
  );

  const props = { claim, claimRef, onClose: close };
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={2}>{t('claim.title', { number: claim.claimNumber })}</Title>
            <ClaimStatusBadge status={claim.status} />
          </Group>
        </Stack>
        {canAct && <ActionBar onOpen={setOpen} canDecide={canDecide} />}
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack>
            <ClaimLinesCard claim={claim} claimRef={claimRef} />
            <AssessmentCard claim={claim} claimRef={claimRef} />
            <DecisionCard claim={claim} claimRef={claimRef} />
            <Tabs value={tab} onChange={(v) => v && setTab(v as Tab)} keepMounted={false}>
              <Tabs.List>
                <Tabs.Tab value="documents" id="workspace-tab-documents">
                  {t('workspace.tab.documents')}
                </Tabs.Tab>
                <Tabs.Tab value="timeline" id="workspace-tab-timeline">
                  {t('workspace.tab.timeline')}
                </Tabs.Tab>
                <Tabs.Tab value="notes" id="workspace-tab-notes">
                  {t('workspace.tab.notes')}
                </Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="documents" pt="md">
                <DocumentsPanel claim={claim} claimRef={claimRef} />
              </Tabs.Panel>
              <Tabs.Panel value="timeline" pt="md">
                <TimelinePanel claimRef={claimRef} customerId={claim.customerId} />
              </Tabs.Panel>
              <Tabs.Panel value="notes" pt="md">
                <NotesPanel claimRef={claimRef} />
              </Tabs.Panel>
            </Tabs>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack>
            <CustomerCard claim={claim} claimRef={claimRef} />
            <InformationRequestsCard claimRef={claimRef} />
            <PolicyCard claim={claim} claimRef={claimRef} />
          </Stack>
        </Grid.Col>
      </Grid>
      {canAct && (
        <>
          <DecisionAction {...props} mode="approve" opened={open === 'approve'} />
          <DecisionAction {...props} mode="partial" opened={open === 'partial'} />
          <DecisionAction {...props} mode="deny" opened={open === 'deny'} />
          <RequestInfoAction {...props} opened={open === 'request'} />
          <EscalateAction {...props} opened={open === 'escalate'} />
          <ReferAction {...props} opened={open === 'refer'} />
          <NoteAction {...props} opened={open === 'note'} />
          <CallAction {...props} opened={open === 'call'} />
        </>
      )}
    </Stack>
  );
}
