import { Button, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { Me } from '../../api/types.ts';
import { homeOf } from '../../app/session.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { isLanguage, setLanguage } from '../../i18n/index.ts';
import { SsoSignIn } from './sso-sign-in.tsx';

export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useMutation({
    mutationFn: () => api<{ user: Me }>('POST', '/auth/sign-in', { email, password }),
    onSuccess: async ({ user }) => {
      queryClient.setQueryData(['me'], user);
      if (isLanguage(user.locale) && !localStorage.getItem('claimdesk.language')) setLanguage(user.locale);
      await navigate({ to: homeOf(user) });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate();
  };
  return (
    <Paper maw={420} mx="auto" mt="xl" p="lg" withBorder>
      <form onSubmit={submit}>
        <Stack>
          <Title order={2}>{t('signIn.title')}</Title>
          {signIn.error && <ProblemAlert error={signIn.error} />}
          <TextInput
            label={t('signIn.email')}
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
          />
          <PasswordInput
            label={t('signIn.password')}
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          <Button type="submit" loading={signIn.isPending}>
            {t('signIn.submit')}
          </Button>
          <SsoSignIn />
        </Stack>
      </form>
    </Paper>
  );
}
