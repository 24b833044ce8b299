import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { AssessmentView } from './assessment-result.tsx';
import { type ClaimDraft, claimBody, isPreviewable } from './claim-draft.ts';

export type AssessmentPreview = AssessmentView & { saved: false; language: string };

/**
 * The assessment of the draft as it is typed: asked for 400 ms after the last change, only for a
 * draft the server can parse, and cached per body (typing back to an earlier draft costs nothing).
 * The previous answer stays on screen while the next is on its way, so the card does not flicker.
 */
export function useAssessmentPreview(draft: ClaimDraft) {
  const ready = isPreviewable(draft);
  const body = ready ? claimBody(draft) : null;
  // The call a claim is registered during does not change its assessment: left out of the preview.
  const { callId: _call, ...previewBody } = body ?? {};
  const [debounced] = useDebouncedValue(body ? JSON.stringify(previewBody) : null, 400);
  const query = useQuery({
    queryKey: ['assessment-preview', debounced],
    queryFn: () =>
      api<AssessmentPreview>('POST', '/claims/assessment-preview', JSON.parse(debounced ?? '{}')),
    enabled: ready && debounced !== null,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  return { ready, query, settled: debounced === (body ? JSON.stringify(previewBody) : null) };
}
