import { Alert, Button, Divider, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';

// Staff single sign-on on the sign-in page (docs/decisions/0013-staff-single-sign-on.md): the
// button appears only when the server says single sign-on is configured, and is a plain link — the
// sign-in is a chain of full-page redirects through the identity provider, not an API call. A
// failed sign-in comes back here as ?sso_error=<code>, shown in the person's language.

type AuthConfig = { sso: { enabled: boolean; startUrl: string | null } };

const KNOWN_ERRORS = [
  'sso_off',
  'sso_state_invalid',
  'sso_denied',
  'sso_code_rejected',
  'sso_token_invalid',
  'sso_unknown_user',
  'sso_account_inactive',
  'sso_unavailable',
  'sso_failed',
] as const;

function ssoErrorFromUrl(): string | null {
  const code = new URLSearchParams(window.location.search).get('sso_error');
  if (code === null) return null;
  return (KNOWN_ERRORS as readonly string[]).includes(code) ? code : 'sso_failed';
}

/** The "Sign in with single sign-on" button, and the reason a single sign-on failed, if it did. */
export function SsoSignIn() {
  const { t } = useTranslation();
  const config = useQuery({
    queryKey: ['auth-config'],
    queryFn: () => api<AuthConfig>('GET', '/auth/config'),
    staleTime: 5 * 60_000,
  });
  const error = ssoErrorFromUrl();
  const startUrl = config.data?.sso.enabled ? config.data.sso.startUrl : null;
  return (
    <>
      {error && (
        <Alert color="red" title={t('sso.failedTitle')} role="alert">
          {t(`sso.error.${error}`)}
        </Alert>
      )}
      {startUrl && (
        <>
          {/* The label in the body text colour: Mantine's dimmed default fails WCAG contrast. */}
          <Divider
            label={
              <Text size="sm" c="var(--mantine-color-text)">
                {t('sso.or')}
              </Text>
            }
            labelPosition="center"
          />
          <Button component="a" href={startUrl} variant="default">
            {t('sso.button')}
          </Button>
        </>
      )}
    </>
  );
}
