import { ApiProblem } from '../../api/client.ts';

export type UploadedDocument = { id: string; filename: string; kind: string | null };

/** POST /documents as multipart/form-data (the JSON client cannot send files), idempotent per file. */
export async function uploadDocument(input: {
  entityType: 'claim' | 'service_case' | 'customer';
  entityId: string;
  kind: string | null;
  file: File;
  idempotencyKey: string;
}): Promise<UploadedDocument> {
  const form = new FormData();
  form.set('entityType', input.entityType);
  form.set('entityId', input.entityId);
  if (input.kind) form.set('kind', input.kind);
  form.set('file', input.file, input.file.name);
  const res = await fetch('/documents', {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      accept: 'application/json, application/problem+json',
      'Idempotency-Key': input.idempotencyKey,
    },
    body: form,
  });
  const json = (await res.json().catch(() => null)) as Record<string, unknown> | null;
  if (!res.ok) throw new ApiProblem(res.status, json);
  return json as unknown as UploadedDocument;
}
