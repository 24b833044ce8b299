import { Button, Group, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, api } from '../../api/client.ts';
import { localDay } from '../../app/local-day.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import type { Product, ProductVersion } from './admin-types.ts';
import { notifyDone } from './notify.ts';
import { READABLE_ERRORS } from './readable.ts';

// A new version starts as a copy of the current configuration, edited as JSON. The server
// validates the whole document and lists every invalid path (product_config_invalid), shown
// under the editor as they came; nothing is saved until the document is valid. A saved version
// is a draft until it is activated (product-page.tsx), and is never changed afterwards.

const tomorrow = () => localDay(1);

export function VersionEditor({
  product,
  startFrom,
  onSaved,
  onCancel,
}: {
  product: Product;
  startFrom: ProductVersion | undefined;
  onSaved: (version: ProductVersion) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [text, setText] = useState(() => JSON.stringify(startFrom?.config ?? { covers: [] }, null, 2));
  const [effectiveFrom, setEffectiveFrom] = useState(tomorrow);
  const [effectiveTo, setEffectiveTo] = useState('');
  const [jsonError, setJsonError] = useState<string | null>(null);
  // One key per attempt at saving this document: a retried request is not stored twice.
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());

  const save = useMutation({
    mutationFn: (config: unknown) =>
      api<ProductVersion>(
        'POST',
        `/products/${product.id}/versions`,
        { effectiveFrom, ...(effectiveTo ? { effectiveTo } : {}), status: 'draft', config },
        { 'Idempotency-Key': idempotencyKey },
      ),
    onSuccess: async (version) => {
      notifyDone(t('admin.editor.saved', { version: version.version }));
      await queryClient.invalidateQueries({ queryKey: ['admin', 'products'] });
      onSaved(version);
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    let config: unknown;
    try {
      config = JSON.parse(text);
    } catch (error) {
      setJsonError(t('admin.editor.notJson', { message: (error as Error).message }));
      return;
    }
    setJsonError(null);
    save.mutate(config);
  };

  const problem = save.error instanceof ApiProblem ? save.error : null;
  const configErrors = problem?.errors.filter((e) => e.path[0] === 'config') ?? [];
  const fieldError = (name: string) => problem?.errors.find((e) => e.path[0] === name)?.message;

  return (
    <form onSubmit={submit} style={READABLE_ERRORS} aria-labelledby="editor-title">
      <Stack>
        <Title order={3} id="editor-title">
          {t('admin.editor.title', { code: product.code })}
        </Title>
        <Text size="sm">
          {startFrom
            ? t('admin.editor.startsFrom', { version: startFrom.version })
            : t('admin.editor.startsEmpty')}
        </Text>
        <Group align="start">
          <TextInput
            type="date"
            required
            label={t('admin.editor.effectiveFrom')}
            value={effectiveFrom}
            onChange={(e) => setEffectiveFrom(e.currentTarget.value)}
            error={fieldError('effectiveFrom')}
          />
          <TextInput
            type="date"
            label={t('admin.editor.effectiveTo')}
            description={t('admin.editor.effectiveToHelp')}
            value={effectiveTo}
            onChange={(e) => setEffectiveTo(e.currentTarget.value)}
            error={fieldError('effectiveTo')}
          />
        </Group>
        <Textarea
          label={t('admin.editor.config')}
          description={t('admin.editor.configHelp')}
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            setIdempotencyKey(crypto.randomUUID());
          }}
          autosize
          minRows={16}
          maxRows={32}
          spellCheck={false}
          // The document stays in the normal text colour when it has errors: all-red JSON is hard to read.
          styles={{
            input: {
              fontFamily: 'var(--mantine-font-family-monospace)',
              fontSize: 13,
              color: 'var(--mantine-color-text)',
            },
          }}
          error={
            jsonError ??
            (configErrors.length > 0 ? t('admin.editor.configErrors', { n: configErrors.length }) : undefined)
          }
        />
        {save.error ? <ProblemAlert error={save.error} /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('admin.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('admin.editor.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
